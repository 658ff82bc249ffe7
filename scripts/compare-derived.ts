/**
 * Compares two callq databases table by table: the "no behaviour change" check of a
 * refactoring. Every table and view both hold (main schema) is compared with `except all`
 * both ways on the columns both hold, so a row counts as often as it occurs. Exits 1 on
 * any difference, on a relation or column the second database lacks, or on bad usage.
 *
 *   npx tsx scripts/compare-derived.ts BEFORE.duckdb AFTER.duckdb
 *
 * Values are compared as stored, except:
 * - doubles (and numbers with a fraction or an exponent inside JSON, lists and structs) are
 *   rounded to 9 significant digits: DuckDB adds doubles in parallel, so the last bits of a
 *   sum or a z-score differ from run to run;
 * - load bookkeeping that differs whenever the same data is loaded again is left out: the
 *   times of `runs` (started, finished, and the compute's duration `ms` in its counts), of
 *   `load_log` (started, finished), `recorded_config.recorded_at` and `case_events.at`, and
 *   the file paths of `load_log.file` and `rejects.file` (the sample's folder differs);
 * - a run's count of a relation only the second database holds (a new model's rows).
 * Relations or columns only the second database holds are listed, not compared.
 */
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteIdent, sqlString } from '../src/db/sql.ts';

/** Column -> the expression compared instead (null: left out), given the relations only the second database holds. */
const BOOKKEEPING: Record<string, Record<string, string | null | ((added: readonly string[]) => string)>> = {
  runs: {
    started: null,
    finished: null,
    counts: (added) =>
      `json_merge_patch(counts, ${sqlString(JSON.stringify(Object.fromEntries(['ms', ...added].map((key) => [key, null]))))})`,
  },
  load_log: { file: null, started: null, finished: null },
  rejects: { file: null },
  recorded_config: { recorded_at: null },
  case_events: { at: null },
};

/** A number written with a fraction or an exponent: what a double looks like as text. */
const DOUBLE_TEXT = String.raw`-?\d+(\.\d+([eE][-+]?\d+)?|[eE][-+]?\d+)`;

const MACROS = `
  create temp macro round9(x) as printf('%.8e', x);
  -- Splits the text around its numbers, rounds each, and glues the pieces back.
  create temp macro round9_in_text(t) as array_to_string(list_transform(
    list_zip(regexp_split_to_array(t, '${DOUBLE_TEXT}'), list_append(regexp_extract_all(t, '${DOUBLE_TEXT}'), null)),
    piece -> piece[1] || coalesce(round9(cast(piece[2] as double)), '')), '');
`;

interface Column {
  name: string;
  type: string;
}

function comparedExpression(table: string, column: Column, added: readonly string[]): string | null {
  const override = BOOKKEEPING[table]?.[column.name];
  if (typeof override === 'function') return override(added);
  if (override !== undefined) return override;
  const name = quoteIdent(column.name);
  if (column.type === 'DOUBLE' || column.type === 'FLOAT') return `round9(${name})`;
  if (column.type === 'JSON' || /[[(]/.test(column.type)) return `round9_in_text(cast(${name} as varchar))`;
  return name;
}

/** One line per relation, and whether the databases differ. */
export async function compareDatabases(before: string, after: string): Promise<{ lines: string[]; differ: boolean }> {
  const lines: string[] = [];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = async (text: string) => (await connection.runAndReadAll(text)).getRowObjectsJson();
  await connection.run(`attach ${sqlString(before)} as before_db (read_only)`);
  await connection.run(`attach ${sqlString(after)} as after_db (read_only)`);
  await connection.run(MACROS);

  const columnsOf = async (database: string) => {
    const relations = new Map<string, Column[]>();
    const found = await rows(
      `select table_name, column_name, data_type from duckdb_columns()
       where database_name = ${sqlString(database)} and schema_name = 'main'
       order by table_name, column_index`,
    );
    for (const row of found) {
      const table = String(row.table_name);
      relations.set(table, [
        ...(relations.get(table) ?? []),
        { name: String(row.column_name), type: String(row.data_type) },
      ]);
    }
    return relations;
  };
  const beforeRelations = await columnsOf('before_db');
  const afterRelations = await columnsOf('after_db');

  let failed = false;
  const addedRelations = [...afterRelations.keys()].filter((name) => !beforeRelations.has(name));
  for (const table of addedRelations) {
    lines.push(`${table}: only in ${after} (not compared)`);
  }
  for (const [table, beforeColumns] of beforeRelations) {
    const afterColumns = afterRelations.get(table);
    if (!afterColumns) {
      lines.push(`${table}: MISSING from ${after}`);
      failed = true;
      continue;
    }
    const afterNames = new Set(afterColumns.map((column) => column.name));
    const lost = beforeColumns.filter((column) => !afterNames.has(column.name)).map((column) => column.name);
    const added = afterColumns.filter((column) => !beforeColumns.some((other) => other.name === column.name));
    const expressions = beforeColumns
      .filter((column) => afterNames.has(column.name))
      .map((column) => comparedExpression(table, column, addedRelations))
      .filter((expression) => expression !== null);
    const select = (database: string) => `select ${expressions.join(', ')} from ${database}.main.${quoteIdent(table)}`;
    const [counts] = await rows(
      `select
         (select count(*) from before_db.main.${quoteIdent(table)}) as rows_before,
         (select count(*) from after_db.main.${quoteIdent(table)}) as rows_after,
         (select count(*) from (${select('before_db')} except all ${select('after_db')})) as only_before,
         (select count(*) from (${select('after_db')} except all ${select('before_db')})) as only_after`,
    );
    const onlyBefore = Number(counts?.only_before);
    const onlyAfter = Number(counts?.only_after);
    const same = onlyBefore === 0 && onlyAfter === 0 && lost.length === 0;
    if (!same) failed = true;
    const notes = [
      lost.length > 0 ? `columns missing after: ${lost.join(', ')}` : '',
      added.length > 0 ? `columns only after (not compared): ${added.map((column) => column.name).join(', ')}` : '',
    ].filter(Boolean);
    lines.push(
      `${table}: ${counts?.rows_before} rows before, ${counts?.rows_after} after; ` +
        `${same ? 'identical' : `DIFFERENT: ${onlyBefore} rows only before, ${onlyAfter} only after`}` +
        (notes.length > 0 ? ` (${notes.join('; ')})` : ''),
    );
  }
  connection.closeSync();
  instance.closeSync();
  return { lines, differ: failed };
}

async function main(): Promise<number> {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) {
    console.error('usage: npx tsx scripts/compare-derived.ts BEFORE.duckdb AFTER.duckdb');
    return 1;
  }
  const { lines, differ } = await compareDatabases(before, after);
  for (const line of lines) console.log(line);
  console.log(differ ? 'the databases differ' : 'every shared table is identical');
  return differ ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await main();
