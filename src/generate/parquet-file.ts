/**
 * Writes a table as Parquet through DuckDB: the CSV text goes to a temporary file, and
 * DuckDB copies it, typed per the input contract, into a zstd-compressed Parquet file.
 * One thread, insertion order kept, so the same rows always give the same bytes.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { Database } from '../db/database.ts';
import { CONTRACTS, type ColumnType, type TableName } from '../ingest/contracts.ts';
import { sqlString } from '../ingest/staging-sql.ts';

/** Parquet types: timestamps stay naive (local time, as in the CSV files). */
const PARQUET_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

export async function writeParquet(table: TableName, csv: string, path: string): Promise<void> {
  const temp = `${path}.tmp.csv`;
  writeFileSync(temp, csv);
  const db = await Database.open(':memory:');
  try {
    await db.exec('set threads = 1; set preserve_insertion_order = true');
    const columns = CONTRACTS[table].columns.map((c) => `${sqlString(c.name)}: '${PARQUET_TYPES[c.type]}'`).join(', ');
    await db.exec(
      `copy (select * from read_csv(${sqlString(temp)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}}))
       to ${sqlString(path)} (format parquet, compression zstd)`,
    );
  } finally {
    db.close();
    rmSync(temp, { force: true });
  }
}
