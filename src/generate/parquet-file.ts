/**
 * Writes a table as Parquet through DuckDB: the CSV text goes to a temporary file, and
 * DuckDB copies it, typed per the input contract, into a zstd-compressed Parquet file.
 * One thread, insertion order kept, so the same rows always give the same bytes.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { Database } from '../db/database.ts';
import { CONTRACTS, type ColumnType, type TableName } from '../ingest/contracts.ts';
import { join, literal, sql } from '../db/sql.ts';

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
    // A reader's file and options and COPY's target take no parameters: they are literals.
    const columns = join(
      CONTRACTS[table].columns.map((c) => sql`${literal(c.name)}: ${literal(PARQUET_TYPES[c.type])}`),
    );
    await db.exec(
      sql`copy (select * from read_csv(${literal(temp)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${columns}}))
       to ${literal(path)} (format parquet, compression zstd)`,
    );
  } finally {
    db.close();
    rmSync(temp, { force: true });
  }
}
