/**
 * `callq load DIR`, `callq load --calls FILE ...` or `callq load --source NAME PATH...`:
 * validate and upsert input files (canonical files, or a phone system's own export).
 * Exit 3 when a file's reject share passes max_reject_share (good rows are kept).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { TABLE_NAMES } from '../../ingest/contracts.ts';
import { SOURCE_NAMES } from '../../ingest/sources/source-adapter.ts';
import { encodingName, type TextEncoding } from '../../ingest/transcode.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerLoad(program: Command): void {
  const command = program
    .command('load')
    .description('validate input files and upsert them into the database')
    .argument(
      '[paths...]',
      "folders or files: named after their table (calls.csv, segments-2026-11-20.parquet ...) or a phone system's export",
    )
    .addOption(
      new Option(
        '--source <name>',
        "read the paths (files, or folders searched recursively) as this phone system's export",
      ).choices([...SOURCE_NAMES]),
    )
    .option('--map <file>', 'JSON column mapping: {table: {source column: canonical column}}')
    .option(
      '--encoding <name>',
      'text encoding of CSV/JSON files, any the runtime decodes: gb18030, big5, shift_jis, windows-1251, utf-16le ... (default: detected)',
      parseEncoding,
    )
    .option('--rejects <file>', "write this load's rejected rows to this CSV", join('out', 'rejects.csv'));
  for (const table of TABLE_NAMES) command.option(`--${table.replaceAll('_', '-')} <file>`, `a ${table} file`);
  command.action(lazyAction(() => import('../actions/load.ts')));
}

function parseEncoding(label: string): TextEncoding {
  const name = encodingName(label);
  if (name === null)
    throw new InvalidArgumentError(
      'not an encoding this runtime decodes (e.g. utf-8, gb18030, big5, shift_jis, windows-1251, utf-16le).',
    );
  return name;
}
