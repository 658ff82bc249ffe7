/**
 * The SQL lint `npm run lint` runs over queries/ (queries/README.md, "Style"). Every file
 * - parses with sql-formatter's DuckDB dialect, `$name` parameters included. Its parser is a
 *   formatter's: it catches unbalanced brackets, unclosed strings, a CASE without END, not
 *   every error DuckDB would (the tests run every file on DuckDB);
 * - opens with a header comment; the files that make a relation (staging, dims,
 *   intermediate, facts, marts, rules, report queries) say in it their `grain:` and `from:`;
 * - aliases no table, subquery or table function with one letter: name the table, or alias
 *   it for what it holds.
 *
 *   npx tsx scripts/lint-sql.ts [DIR]     (DIR defaults to queries/; exits 1 on a problem)
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QUERIES_DIR, sqlFilesUnder } from '../src/db/sql-files.ts';
import { parseSql, type SqlFile, tableAliases } from './sql-tree.ts';

/** Layers whose files make a relation, and so say its grain and sources. */
const DESCRIBED_LAYERS = new Set(['staging', 'dims', 'intermediate', 'facts', 'marts', 'anomalies', 'reports']);

/** The problems of one file, as "<file>:<line>: <what>". */
function lintFile(file: string, sql: string): string[] {
  const layer = file.split('/')[0] ?? '';
  const problems: string[] = [];
  const header = /^(?:--[^\n]*(?:\n|$))+/.exec(sql)?.[0];
  if (!header) problems.push(`${file}:1: no header comment: open with what the file computes`);
  else if (DESCRIBED_LAYERS.has(layer) && !(/\bgrain:/i.test(header) && /\bfrom:/i.test(header))) {
    problems.push(`${file}:1: the header comment says no grain: and from:`);
  }
  let tree: SqlFile;
  try {
    tree = parseSql(sql);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    const line = /at line (\d+)/.exec(message)?.[1] ?? '1';
    return [...problems, `${file}:${line}: does not parse (sql-formatter, DuckDB dialect): ${message}`];
  }
  for (const { relation, alias, line } of tableAliases(tree)) {
    if (alias.length !== 1) continue;
    problems.push(
      `${file}:${line}: one-letter alias ${alias} for ${relation}: name the table, or alias it for what it holds`,
    );
  }
  return problems;
}

/** The problems of every SQL file under `dir`. */
export function lintSql(dir = QUERIES_DIR): { files: number; problems: string[] } {
  const files = sqlFilesUnder(dir);
  const problems = files.flatMap((file) => lintFile(file, readFileSync(join(dir, file), 'utf8')));
  return { files: files.length, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? QUERIES_DIR;
  const { files, problems } = lintSql(dir);
  const prefix = join(relative(process.cwd(), dir), '/');
  for (const problem of problems) console.error(`${prefix}${problem}`);
  console.log(`lint-sql: ${files} files, ${problems.length} problems`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
