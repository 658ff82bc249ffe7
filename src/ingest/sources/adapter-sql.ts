/**
 * What every source adapter does in DuckDB: materialise one of its models (the SQL under
 * queries/sources/) as a temp table, keep the records it refuses, and hand the load its
 * canonical rows as text columns with the line each came from.
 */
import type { Database } from '../../db/database.ts';
import { readQuery } from '../../db/sql-files.ts';
import { quoteIdent } from '../staging-sql.ts';
import type { SourceRelation } from '../read-source.ts';
import type { ColumnType, TableContract } from '../contracts.ts';

/** The temp table of records an adapter refused: line, column, reason, value, raw. */
export const SOURCE_REJECTS = 'source_rejects';

/**
 * `create or replace temp table <name> as` the model queries/sources/<model>.sql, or a temp
 * view of it: for a model read once or twice whose rows are mostly another table's.
 */
export async function materialise(
  db: Database,
  name: string,
  model: string,
  as: 'table' | 'view' = 'table',
): Promise<void> {
  await db.exec(`create or replace temp ${as} ${quoteIdent(name)} as\n${readQuery(`sources/${model}.sql`)}`);
}

/** Binds the file being read (rows kept for a later file name it). */
export async function bindSourceFile(db: Database, path: string): Promise<void> {
  await db.exec('set variable source_file = $1::varchar', [path]);
}

/**
 * Makes `rows` (a query by the state table's column names, which may read the table itself)
 * the rows of a source state table (queries/schema/source_state.sql), in the file's
 * transaction. A row whose `file` is null was read from this file: it takes the file's name
 * and load; the others keep theirs.
 */
export async function replaceSourceState(db: Database, table: string, rows: string, loadId: number): Promise<void> {
  await db.exec(`create or replace temp table source_state_next as ${rows}`);
  await db.exec(`delete from ${quoteIdent(table)}`);
  await db.exec(`insert into ${quoteIdent(table)} by name
    select * replace (
      coalesce(file, getvariable('source_file')) as file,
      case when file is null then ${loadId} else load_id end as load_id
    )
    from source_state_next`);
  await db.exec('drop table source_state_next');
}

export async function resetSourceRejects(db: Database): Promise<void> {
  await db.exec(
    `create or replace temp table ${SOURCE_REJECTS} (line bigint, "column" varchar, reason varchar, value varchar, raw varchar)`,
  );
}

/** Adds rejects from a query with the columns line, column, reason, value, raw. */
export async function addSourceRejects(db: Database, query: string): Promise<void> {
  await db.exec(`insert into ${SOURCE_REJECTS} by name ${query}`);
}

/** DuckDB's name of each canonical type (as `describe` gives it). */
const DUCKDB_TYPE_NAMES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  date: 'DATE',
};

/**
 * The relation of canonical rows in `table` of `contract` and `_line`. A column the adapter
 * made in its canonical type is handed over typed (staging checks it without parsing text);
 * any other goes as text (timestamps as ISO 8601 with their offset, which staging reads back
 * exactly) and is parsed like a file's cell.
 */
export async function canonicalRows(
  db: Database,
  table: string,
  contract: TableContract,
  columns: readonly string[],
  where = 'true',
): Promise<
  Pick<SourceRelation, 'columns' | 'select' | 'firstLine' | 'lineColumn' | 'readerRejects' | 'canonicalTyped'>
> {
  const made = new Map(
    (await db.query<{ column_name: string; column_type: string }>(`describe ${quoteIdent(table)}`)).map((c) => [
      c.column_name,
      c.column_type,
    ]),
  );
  const typeOf = new Map(contract.columns.map((c) => [c.name, c.type]));
  const typed = new Set(
    columns.filter((c) => typeOf.get(c) !== 'text' && made.get(c) === DUCKDB_TYPE_NAMES[typeOf.get(c)!]),
  );
  return {
    columns: [...columns],
    select: (map) => {
      const cells = [...map.keys()].map((c) =>
        typed.has(c) ? quoteIdent(c) : `cast(${quoteIdent(c)} as varchar) as ${quoteIdent(c)}`,
      );
      return `select ${cells.join(', ') || 'null as _none'}, _line from ${quoteIdent(table)} where ${where}`;
    },
    firstLine: 1,
    lineColumn: '_line',
    readerRejects: SOURCE_REJECTS,
    canonicalTyped: typed,
  };
}
