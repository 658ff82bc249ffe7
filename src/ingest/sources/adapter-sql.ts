/**
 * What every source adapter does in DuckDB: materialise one of its models (the SQL under
 * queries/sources/) as a temp table, keep the records it refuses, and hand the load its
 * canonical rows as text columns with the line each came from.
 */
import type { Database } from '../../db/database.ts';
import { readQuery } from '../../db/sql-files.ts';
import { quoteIdent } from '../staging-sql.ts';
import type { SourceRelation } from '../read-source.ts';

/** The temp table of records an adapter refused: line, column, reason, value, raw. */
export const SOURCE_REJECTS = 'source_rejects';

/** `create or replace temp table <name> as` the model queries/sources/<model>.sql. */
export async function materialise(db: Database, name: string, model: string): Promise<void> {
  await db.exec(`create or replace temp table ${quoteIdent(name)} as\n${readQuery(`sources/${model}.sql`)}`);
}

/** Binds the file being read (rows kept for a later file name it). */
export async function bindSourceFile(db: Database, path: string): Promise<void> {
  await db.exec('set variable source_file = $1::varchar', [path]);
}

export async function resetSourceRejects(db: Database): Promise<void> {
  await db.exec(`create or replace temp table ${SOURCE_REJECTS} (line bigint, "column" varchar, reason varchar, value varchar, raw varchar)`);
}

/** Adds rejects from a query with the columns line, column, reason, value, raw. */
export async function addSourceRejects(db: Database, query: string): Promise<void> {
  await db.exec(`insert into ${SOURCE_REJECTS} by name ${query}`);
}

/**
 * The relation of canonical rows in `table`: the named columns as text (timestamps print
 * as ISO 8601 with their offset, which the staging reads back exactly) and `_line`.
 */
export function canonicalRows(table: string, columns: readonly string[], where = 'true'): Pick<SourceRelation, 'columns' | 'select' | 'firstLine' | 'lineColumn' | 'readerRejects'> {
  return {
    columns: [...columns],
    select: (map) => {
      const cells = [...map.keys()].map((c) => `cast(${quoteIdent(c)} as varchar) as ${quoteIdent(c)}`);
      return `select ${cells.join(', ') || 'null as _none'}, _line from ${quoteIdent(table)} where ${where}`;
    },
    firstLine: 1,
    lineColumn: '_line',
    readerRejects: SOURCE_REJECTS,
  };
}
