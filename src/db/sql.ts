/**
 * Building SQL in TypeScript: quoting, and a tagged template in the style of Mosaic's
 * `sql` that keeps values out of the text.
 *
 *   sql`select * from ${ident(table)} where day = ${day}`
 *   // text: select * from "agent_daily" where day = $1, params: [day]
 *
 * A plain value becomes a bound parameter; an identifier is quoted only when wrapped in
 * `ident`; a value DuckDB cannot bind (a COPY target, a SET value, a reader's options) is
 * pasted as a quoted literal only when wrapped in `literal`; SQL text this program wrote
 * itself (a type name, a file of queries/) goes in through `trusted`. Nested templates keep
 * their parameters, renumbered.
 */
import type { DuckDBValue } from '@duckdb/node-api';

/** A double-quoted SQL identifier: any name, quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted SQL text literal, quotes doubled (for text DuckDB cannot take as a parameter). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** SQL text with its bound values: `text` holds $1, $2 ... in the order of `params`. */
export class Sql {
  /** The text between parameters: one more piece than there are parameters. */
  private constructor(
    private readonly pieces: readonly string[],
    readonly params: readonly DuckDBValue[],
  ) {}

  static of(pieces: readonly string[], params: readonly DuckDBValue[]): Sql {
    return new Sql(pieces, params);
  }

  /** Text written by this program, never data. */
  static trusted(text: string): Sql {
    return new Sql([text], []);
  }

  get text(): string {
    return this.pieces.reduce((text, piece, i) => `${text}$${i}${piece}`);
  }

  /** This and `next` as one text: the pieces that meet are joined, the parameters follow on. */
  concat(next: Sql): Sql {
    const pieces = [...this.pieces.slice(0, -1), this.pieces.at(-1)! + next.pieces[0]!, ...next.pieces.slice(1)];
    return new Sql(pieces, [...this.params, ...next.params]);
  }
}

export type SqlPart = Sql | DuckDBValue;

export function sql(strings: TemplateStringsArray, ...values: readonly SqlPart[]): Sql {
  let out = Sql.trusted(strings[0]!);
  values.forEach((value, i) => {
    out = out.concat(value instanceof Sql ? value : Sql.of(['', ''], [value])).concat(Sql.trusted(strings[i + 1]!));
  });
  return out;
}

export function ident(name: string): Sql {
  return Sql.trusted(quoteIdent(name));
}

/** A value pasted as a literal, for the few places DuckDB takes no parameter. */
export function literal(value: string | number | boolean | null): Sql {
  if (typeof value === 'string') return Sql.trusted(sqlString(value));
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return Sql.trusted(String(value));
}

export const trusted = Sql.trusted;

export function join(parts: readonly Sql[], separator = ', '): Sql {
  if (parts.length === 0) return Sql.trusted('');
  return parts.slice(1).reduce((out, part) => out.concat(Sql.trusted(separator)).concat(part), parts[0]!);
}
