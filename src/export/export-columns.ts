/**
 * The columns of a table as an export writes them: every DuckDB type brought to one of the
 * few that CSV, Parquet and Arrow IPC all carry the same way (ENUMs and JSON as text, any
 * whole number as bigint or integer, decimals as double). The export query selects these.
 */
import type { Database } from '../db/database.ts';
import { ident, join, type Sql, sql, trusted } from '../db/sql.ts';
import { spreadsheetSafeSql } from '../files/spreadsheet-safe.ts';

export type ExportType =
  | 'varchar'
  | 'varchar[]'
  | 'boolean'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'date'
  | 'timestamp'
  | 'timestamptz';

export interface ExportColumn {
  name: string;
  type: ExportType;
}

/** DuckDB's type name (as `describe` prints it) to the export type. */
export function exportType(duckdbType: string): ExportType {
  const type = duckdbType.toUpperCase();
  if (type.endsWith('[]')) return 'varchar[]';
  if (type === 'BOOLEAN') return 'boolean';
  if (['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT'].includes(type)) return 'integer';
  if (['BIGINT', 'HUGEINT', 'UINTEGER', 'UBIGINT'].includes(type)) return 'bigint';
  if (['FLOAT', 'DOUBLE'].includes(type) || type.startsWith('DECIMAL')) return 'double';
  if (type === 'DATE') return 'date';
  if (type === 'TIMESTAMP WITH TIME ZONE') return 'timestamptz';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  return 'varchar';
}

export async function exportColumns(db: Database, table: string): Promise<ExportColumn[]> {
  const rows = await db.query<{ column_name: string; column_type: string }>(sql`describe ${ident(table)}`);
  return rows.map((r) => ({ name: r.column_name, type: exportType(r.column_type) }));
}

/**
 * The query that reads `table` with its columns cast to their export types; with
 * `spreadsheetSafe`, text cells that a spreadsheet would run as a formula are neutralised.
 */
export function exportQuery(table: string, columns: readonly ExportColumn[], spreadsheetSafe = false): Sql {
  const cell = (c: ExportColumn) => {
    // The type is one of ExportType's names.
    const typed = sql`${ident(c.name)}::${trusted(c.type)}`;
    return spreadsheetSafe && c.type === 'varchar' ? trusted(spreadsheetSafeSql(typed.text)) : typed;
  };
  return sql`select ${join(columns.map((c) => sql`${cell(c)} as ${ident(c.name)}`))} from ${ident(table)}`;
}
