/**
 * Exports tables of the database (inputs, derived tables, anomalies, rejects, runs) as
 * CSV, Parquet or Arrow IPC, one file per table: `<dir>/<table>.<csv|parquet|arrow>`.
 * CSV and Parquet are written by DuckDB's COPY, Arrow IPC by apache-arrow. Each file is
 * written beside its target and renamed over it, so a reader never sees half a file.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { literal, sql, trusted } from '../db/sql.ts';
import { exportColumns, exportQuery } from './export-columns.ts';
import { writeArrowIpc } from './write-arrow-ipc.ts';
import { writeAtomically } from '../files/write-file-atomic.ts';
import type { ExportFormat } from './export-formats.ts';

export interface ExportedTable {
  table: string;
  file: string;
  rows: number;
}

/** Every table of the database a user can export, by name. */
export async function exportableTables(db: Database): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    "select table_name from duckdb_tables() where not temporary and schema_name = 'main' order by table_name",
  );
  return rows.map((r) => r.table_name);
}

export interface ExportRequest {
  tables: readonly string[];
  format: ExportFormat;
  /** The folder the files go to (created when missing). */
  dir: string;
  /** CSV only: text that a spreadsheet would run as a formula gets a leading apostrophe (default on). */
  safeForSpreadsheets?: boolean;
}

export async function exportTables(
  db: Database,
  { tables, format, dir, safeForSpreadsheets = true }: ExportRequest,
): Promise<ExportedTable[]> {
  const known = new Set(await exportableTables(db));
  const unknown = tables.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new UnknownTableError(`no table ${unknown.join(', ')} in the database (it has: ${[...known].join(', ')})`);
  }
  mkdirSync(dir, { recursive: true });
  const exported: ExportedTable[] = [];
  for (const table of tables) {
    const file = join(dir, `${table}.${format}`);
    const rows = await writeAtomically(file, (path) =>
      writeTable(db, { table, format, path, spreadsheetSafe: format === 'csv' && safeForSpreadsheets }),
    );
    exported.push({ table, file, rows });
  }
  return exported;
}

export class UnknownTableError extends Error {
  override name = 'UnknownTableError';
}

interface TableFile {
  table: string;
  format: ExportFormat;
  path: string;
  spreadsheetSafe: boolean;
}

async function writeTable(db: Database, { table, format, path, spreadsheetSafe }: TableFile): Promise<number> {
  const columns = await exportColumns(db, table);
  const query = exportQuery(table, columns, spreadsheetSafe);
  if (format === 'arrow') return writeArrowIpc(db, { query, columns, path });
  const options = trusted(format === 'csv' ? 'format csv, header' : 'format parquet');
  // COPY answers with the number of rows it wrote; its target takes no parameter.
  return Number(await db.scalar(sql`copy (${query}) to ${literal(path)} (${options})`));
}
