/**
 * Test helpers for the generator: run `callq generate` in-process, and read the files it
 * wrote with DuckDB (one view per table, every column as text; queries cast what they
 * need), so checks on the data are computed independently of the generator's code.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { sqlString } from '../../src/db/sql.ts';
import { TABLE_NAMES } from '../../src/ingest/contracts.ts';
import { runCli } from '../util/run-cli.ts';

/** Runs `callq generate ...args` quietly; returns its exit code. */
export async function generate(...args: string[]): Promise<number> {
  return (await runCli('generate', ...args)).code;
}

export function tempDir(): { path: (name: string) => string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'callq-generate-'));
  return { path: (name) => join(root, name), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** An in-memory DuckDB with a view per generated table (and `labels`) over the files in dir. */
export async function openGenerated(dir: string): Promise<Database> {
  const db = await Database.open(':memory:');
  for (const table of [...TABLE_NAMES, 'anomaly_labels'] as const) {
    const csv = join(dir, `${table}.csv`);
    const source = existsSync(csv)
      ? `read_csv(${sqlString(csv)}, header = true, all_varchar = true, quote = '"', escape = '"', delim = ',')`
      : `read_parquet(${sqlString(join(dir, `${table}.parquet`))})`;
    await db.exec(`create view ${table === 'anomaly_labels' ? 'labels' : table} as select * from ${source}`);
  }
  return db;
}

/** Rows of a query as plain objects with numbers (bigints converted). */
export async function rows(db: Database, sql: string): Promise<Record<string, unknown>[]> {
  const result = await db.queryJs(sql);
  return result.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );
}

export async function value<T = number>(db: Database, sql: string): Promise<T> {
  const [row] = await rows(db, sql);
  return Object.values(row ?? {})[0] as T;
}
