/**
 * `callq export [TABLE...] --format csv|parquet|arrow --out DIR`: write tables of the
 * database (every table when none is named) to DIR/<table>.<format>. The files hold the
 * data as stored, personal data included, like `callq query`.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { EXPORT_FORMATS } from '../../export/export-formats.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write tables (default: all) as CSV, Parquet or Arrow IPC files, one per table')
    .argument('[tables...]', 'table names, e.g. agent_daily anomalies')
    .addOption(new Option('--format <format>', 'file format').choices([...EXPORT_FORMATS]).default('parquet'))
    .option('--out <dir>', 'output folder', 'out/export')
    .option(
      '--no-safe-for-spreadsheets',
      'CSV: keep text that starts with = + - @ as it is (to load the file back); by default it gets a leading apostrophe so a spreadsheet does not run it',
    )
    .action(lazyAction(() => import('../actions/export.ts')));
}
