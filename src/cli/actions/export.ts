/** What `callq export` does (its options: commands/export.ts). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { UsageError } from '../../errors/usage-error.ts';
import type { ExportFormat } from '../../export/export-formats.ts';
import { exportableTables, exportTables, UnknownTableError } from '../../export/export-tables.ts';

export interface ExportOptions {
  format: ExportFormat;
  out: string;
  safeForSpreadsheets: boolean;
}

export default async function exportCommand(tables: string[], opts: ExportOptions, command: Command): Promise<void> {
  await withContext(
    command,
    async ({ db, say }) => {
      const names = tables.length > 0 ? tables : await exportableTables(db);
      const exported = await exportTables(db, {
        tables: names,
        format: opts.format,
        dir: opts.out,
        safeForSpreadsheets: opts.safeForSpreadsheets,
      }).catch((error: unknown) => {
        throw error instanceof UnknownTableError ? new UsageError(error.message) : error;
      });
      for (const e of exported) say(`${e.file}: ${e.rows} rows`);
    },
    { readOnly: true },
  );
}
