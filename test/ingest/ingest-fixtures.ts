/**
 * Helpers for the ingest tests: temp folders with hand-written input files, loading one
 * file, and reading tables back in a stable order (to compare whole tables).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Row } from '../../src/db/database.ts';
import { TABLE_NAMES, type TableName } from '../../src/ingest/contracts.ts';
import { formatOf, tableOf } from '../../src/ingest/file-format.ts';
import { loadFile, type FileLoadResult, type LoadFileOptions } from '../../src/ingest/load-file.ts';

/** A temp folder per test file; call `cleanup` in afterAll. */
export function tempDir(prefix = 'callq-ingest-'): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes lines joined by '\n' with a final line break (like every export we expect). */
export function writeLines(path: string, lines: readonly string[]): string {
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Loads one file, its table and reader taken from its name (calls-x.csv → calls, csv). */
export async function load(
  db: Database,
  path: string,
  options: LoadFileOptions = {},
  table?: TableName,
): Promise<FileLoadResult> {
  const format = formatOf(path);
  const target = table ?? tableOf(path);
  if (!format || !target) throw new Error(`test bug: cannot tell the table or format of ${path}`);
  return loadFile(db, { table: target, path, format }, options);
}

/** A canonical table as JS values (bigint, Date, number, boolean), without provenance, in key order. */
export async function rowsOf(db: Database, table: TableName, orderBy: string): Promise<Row[]> {
  return db.queryJs(`select * exclude (load_id, source_line) from "${table}" order by ${orderBy}`);
}

/** Rejects of the database as JS values, in file/line/column order. */
export async function rejectsOf(db: Database): Promise<
  Array<{
    file: string;
    table: string;
    line: bigint | null;
    column: string | null;
    reason: string;
    value: string | null;
  }>
> {
  return db.queryJs(
    `select file, "table", line, "column", reason, value from rejects order by file, line, "column" nulls first, reason`,
  );
}

/** Every table's full content as JSON text: equal snapshots mean an unchanged database. */
export async function snapshot(db: Database): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of [...TABLE_NAMES, 'load_log', 'rejects', 'runs']) {
    out[table] = await db.query(`select * from "${table}" order by all`);
  }
  return out;
}

/** An instant written as UTC ISO text. */
export const utc = (iso: string): Date => new Date(iso);
/** A DATE as the driver returns it: midnight UTC of that day. */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
