/**
 * How values reach the SQL of queries/, never pasted into its text:
 * - a statement run once (an anomaly rule, a case step, a report query) names them `$name`,
 *   and `bindNamed` binds, from a table of values, exactly the names the text uses (DuckDB
 *   refuses extra ones); a name without a value is an error naming the file and the names
 *   it may use;
 * - a model that is a view cannot hold parameters, so the models read session variables
 *   (`getvariable('name')`) that `setVariable` sets, the value itself bound.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from './database.ts';
import { ident, literal, sql, trusted } from './sql.ts';

/** A list binds as JSON text (the client cannot bind an empty list): the SQL reads it with cast(json($name) as varchar[]). */
export type SqlValue = DuckDBValue | readonly string[];

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/** Where the text that starts at `i` with `open` ends (just past `close`); doubled `close` inside is kept. */
function skipQuoted(sql: string, i: number, close: string, backslash: boolean): number {
  let at = i + 1;
  while (at < sql.length) {
    if (backslash && sql[at] === '\\') at += 2;
    else if (sql[at] === close && sql[at + 1] === close) at += 2;
    else if (sql[at] === close) return at + 1;
    else at++;
  }
  return at;
}

/** The $names a SQL text uses, in order of first use; comments, string literals and quoted names left out. */
export function parameterNames(sql: string): string[] {
  const names = new Set<string>();
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (c === "'") {
      // E'…' strings take backslash escapes.
      const escaped = /[Ee]/.test(sql[i - 1] ?? '') && !NAME_PART.test(sql[i - 2] ?? '');
      i = skipQuoted(sql, i, "'", escaped);
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
    } else if (c === '$' && NAME_START.test(sql[i + 1] ?? '') && !NAME_PART.test(sql[i - 1] ?? '')) {
      let end = i + 2;
      while (end < sql.length && NAME_PART.test(sql[end]!)) end++;
      names.add(sql.slice(i + 1, end));
      i = end;
    } else {
      i++;
    }
  }
  return [...names];
}

/** The values of the names `sql` uses, as DuckDB binds them; `source` names the SQL in errors. */
export function bindNamed(
  sql: string,
  values: Readonly<Record<string, SqlValue>>,
  source: string,
): Record<string, DuckDBValue> {
  const bound: Record<string, DuckDBValue> = {};
  for (const name of parameterNames(sql)) {
    if (!Object.hasOwn(values, name) || values[name] === undefined) {
      const known = Object.keys(values)
        .map((n) => `$${n}`)
        .join(', ');
      throw new Error(`${source} uses $${name}, which has no value (it may use ${known})`);
    }
    const value = values[name]!;
    bound[name] = Array.isArray(value) ? JSON.stringify(value) : (value as DuckDBValue);
  }
  return bound;
}

/** DuckDB type names, written here: trusted as SQL text. */
export type VariableType = 'double' | 'integer' | 'date' | 'varchar';

export interface Variable {
  name: string;
  /** A list is set as a DuckDB list of `type`. */
  value: string | number | null | readonly (string | number)[];
  type: VariableType;
}

/** `set variable`, the value bound: the SQL reads it with getvariable('name'). */
export async function setVariable(db: Database, { name, value, type }: Variable): Promise<void> {
  if (Array.isArray(value)) {
    // A list binds as JSON text (the client cannot bind an empty list).
    const listType = literal(`["${type.toUpperCase()}"]`);
    await db.exec(sql`set variable ${ident(name)} = from_json(${JSON.stringify(value)}::varchar, ${listType})`);
  } else {
    await db.exec(sql`set variable ${ident(name)} = ${value as string | number | null}::${trusted(type)}`);
  }
}
