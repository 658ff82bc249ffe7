/** Reads the SQL files under queries/ (the analyst-readable home of every model). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../files/project-root.ts';

export const QUERIES_DIR = projectPath('queries/');

const cache = new Map<string, string>();

/** The text of queries/<relativePath>. */
export function readQuery(relativePath: string): string {
  let sql = cache.get(relativePath);
  if (sql === undefined) {
    sql = readFileSync(join(QUERIES_DIR, relativePath), 'utf8');
    cache.set(relativePath, sql);
  }
  return sql;
}

/** The SQL files under `dir` (queries/ by default), as sorted paths relative to it with `/`. */
export function sqlFilesUnder(dir = QUERIES_DIR): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.sql'))
    .map((file) => file.replaceAll('\\', '/'))
    .sort();
}
