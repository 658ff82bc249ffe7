/**
 * `callq load DIR` or `callq load --calls FILE ...`: validate and upsert input files.
 * Exit 3 when a file's reject share passes max_reject_share (good rows are kept).
 */
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext, type Context } from '../context.ts';
import { recordRun } from '../../db/record-run.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { TABLE_NAMES } from '../../ingest/contracts.ts';
import { discoverFiles, sortForLoad, type InputFile } from '../../ingest/discover-files.ts';
import { formatOf } from '../../ingest/file-format.ts';
import { readMapping, type ColumnMapping } from '../../ingest/column-mapping.ts';
import { loadFiles, type LoadSummary } from '../../ingest/load-files.ts';
import type { TextEncoding } from '../../ingest/transcode.ts';

export interface LoadCommandOptions {
  map?: string;
  encoding?: TextEncoding;
  rejects?: string;
  [table: string]: unknown;
}

export function registerLoad(program: Command): void {
  const command = program
    .command('load')
    .description('validate input files and upsert them into the database')
    .argument('[dir]', 'folder of files named after their table (calls.csv, segments-2026-11-20.parquet ...)')
    .option('--map <file>', 'JSON column mapping: {table: {source column: canonical column}}')
    .addOption(new Option('--encoding <encoding>', 'text encoding of CSV/JSON files (default: detected)').choices(['utf-8', 'gb18030']))
    .option('--rejects <file>', 'write this load\'s rejected rows to this CSV', join('out', 'rejects.csv'));
  for (const table of TABLE_NAMES) command.option(`--${table.replaceAll('_', '-')} <file>`, `a ${table} file`);
  command.action(async (dir: string | undefined, opts: LoadCommandOptions, cmd: Command) => {
    const files = inputFiles(dir, opts);
    await withContext(cmd, async (ctx) => {
      const summary = await recordRun(ctx.db, 'load', null, async () => {
        const result = await runLoad(ctx, files, opts);
        const status = result.overLimit.length > 0 ? 'rejects' : 'done';
        return { result, status, counts: { files: result.files.length, rows: result.rows, loaded: result.loaded, rejected: result.rejected } };
      });
      if (summary.overLimit.length > 0) process.exitCode = ExitCode.rejects;
    });
  });
}

export function inputFiles(dir: string | undefined, opts: LoadCommandOptions): InputFile[] {
  const files: InputFile[] = [];
  for (const table of TABLE_NAMES) {
    const path = opts[table.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())];
    if (typeof path !== 'string') continue;
    const format = formatOf(path);
    if (!format) throw new UsageError(`--${table.replaceAll('_', '-')} ${path}: unknown file type (use .csv, .tsv, .jsonl, .parquet or .arrow)`);
    files.push({ table, path, format });
  }
  if (dir) files.push(...discoverFiles(dir).files);
  if (files.length === 0) throw new UsageError('nothing to load: give a folder or --calls FILE, --segments FILE ...');
  return sortForLoad(files);
}

/** Loads the files and prints the summary: one line per file, then the totals. */
export async function runLoad(ctx: Context, files: InputFile[], opts: LoadCommandOptions, rejectsCsv = opts.rejects): Promise<LoadSummary> {
  const mapping: ColumnMapping | undefined = opts.map ? readMapping(opts.map) : undefined;
  // On a terminal: `loading calls.csv (1/2): 1,234,567 rows (456,789 rows/s)` while a file is read.
  let label = '';
  const summary = await loadFiles(ctx.db, files, {
    mapping,
    encoding: opts.encoding,
    maxRejectShare: ctx.config.max_reject_share,
    rejectsCsv,
    onStart: (file, index, total) => {
      label = `loading ${basename(file.path)} (${index + 1}/${total})`;
      ctx.progress.update(label, 0);
    },
    onRows: ctx.progress.active ? (_file, rows) => ctx.progress.update(label, rows) : undefined,
    onFile: (r) => {
      ctx.progress.done();
      if (r.status === 'skipped') {
        ctx.say(`${basename(r.file)}: already loaded (load ${r.loadId}), skipped`);
        return;
      }
      const extra = r.unknownColumns.length ? `; ignored columns: ${r.unknownColumns.join(', ')}` : '';
      const enc = r.encoding === 'gb18030' ? ' [gb18030]' : '';
      ctx.say(`${basename(r.file)} → ${r.table}${enc}: ${r.rows} rows, ${r.loaded} loaded, ${r.rejected} rejected${extra}`);
    },
  });
  ctx.say(`loaded ${summary.loaded} of ${summary.rows} rows from ${summary.files.length} file(s); ${summary.rejected} rejected`);
  if (summary.rejectsCsv) ctx.say(`rejected rows: ${summary.rejectsCsv}`);
  for (const r of summary.overLimit) {
    process.stderr.write(
      `callq: ${r.file}: ${r.rejected} of ${r.rows} rows rejected (${((100 * r.rejected) / r.rows).toFixed(2)}%), above max_reject_share ${ctx.config.max_reject_share}\n`,
    );
  }
  return summary;
}
