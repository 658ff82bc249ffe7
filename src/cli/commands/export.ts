/**
 * `callq export [TABLE...] --format csv|parquet|arrow --out DIR`: write tables of the
 * database (every table when none is named) to DIR/<table>.<format>. The files hold the
 * data as stored, personal data included, like `callq query`.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { EXPORT_FORMATS, exportableTables, exportTables, UnknownTableError, type ExportFormat } from '../../export/export-tables.ts';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write tables (default: all) as CSV, Parquet or Arrow IPC files, one per table')
    .argument('[tables...]', 'table names, e.g. agent_daily anomalies')
    .addOption(new Option('--format <format>', 'file format').choices([...EXPORT_FORMATS]).default('parquet'))
    .option('--out <dir>', 'output folder', 'out/export')
    .option('--no-safe-for-spreadsheets', 'CSV: keep text that starts with = + - @ as it is (to load the file back); by default it gets a leading apostrophe so a spreadsheet does not run it')
    .action(async (tables: string[], opts: { format: ExportFormat; out: string; safeForSpreadsheets: boolean }, command: Command) => {
      await withContext(command, async ({ db, say }) => {
        const names = tables.length > 0 ? tables : await exportableTables(db);
        const exported = await exportTables(db, names, opts.format, opts.out, { safeForSpreadsheets: opts.safeForSpreadsheets }).catch((error: unknown) => {
          throw error instanceof UnknownTableError ? new UsageError(error.message) : error;
        });
        for (const e of exported) say(`${e.file}: ${e.rows} rows`);
      }, { readOnly: true });
    });
}
