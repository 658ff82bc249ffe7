/**
 * Builds Arrow IPC fixtures with apache-arrow from a CSV file as DuckDB types it
 * (read_csv's detection), so every Arrow column type an export may use is exercised:
 * Utf8, Int64, Float64, Bool, DateDay, and timestamps with and without a zone.
 */
import { writeFileSync } from 'node:fs';
import {
  Bool,
  DateDay,
  Float64,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { Database } from '../../src/db/database.ts';
import { sqlString } from '../../src/db/sql.ts';

type Cell = string | number | bigint | boolean | Date | null;

function arrowVector(duckType: string, values: Cell[]): Vector {
  const ms = (v: Cell) => (v === null ? null : (v as Date).getTime());
  const pick: Record<string, () => [DataType, unknown[]]> = {
    VARCHAR: () => [new Utf8(), values],
    BIGINT: () => [new Int64(), values],
    DOUBLE: () => [new Float64(), values],
    BOOLEAN: () => [new Bool(), values],
    DATE: () => [new DateDay(), values],
    // A naive TIMESTAMP comes back as its wall-clock time read as UTC: kept without a zone.
    TIMESTAMP: () => [new TimestampMillisecond(), values.map(ms)],
    'TIMESTAMP WITH TIME ZONE': () => [new TimestampMillisecond('UTC'), values.map(ms)],
  };
  const make = pick[duckType];
  if (!make) throw new Error(`test bug: no Arrow type for ${duckType}`);
  const [type, data] = make();
  return vectorFromArray(data as never[], type);
}

/** The CSV at `csvPath` as an Arrow table with typed columns. */
export async function arrowTableFromCsv(db: Database, csvPath: string): Promise<Table> {
  const relation = `read_csv(${sqlString(csvPath)})`;
  const types = await db.query<{ column_name: string; column_type: string }>(`describe select * from ${relation}`);
  const rows = await db.queryJs<Record<string, Cell>>(`select * from ${relation}`);
  const columns: Record<string, Vector> = {};
  for (const { column_name: name, column_type: type } of types) {
    columns[name] = arrowVector(
      type,
      rows.map((row) => row[name] ?? null),
    );
  }
  return new Table(columns);
}

export function writeArrow(path: string, table: Table, format: 'file' | 'stream'): string {
  writeFileSync(path, tableToIPC(table, format));
  return path;
}
