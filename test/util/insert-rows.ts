/**
 * Test helper: inserts hand-written rows into a table, naming only the columns a test cares
 * about. Values are bound as parameters; text such as '2026-11-20 10:00:00' is cast by the
 * column type (a timestamp without offset is local time in the session's zone). Canonical
 * tables get their provenance columns (load_id, source_line) filled in.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../../src/db/database.ts';
import { ident, join, literal, sql, trusted } from '../../src/db/sql.ts';

export type FixtureRow = Record<string, string | number | boolean | null>;

export async function insertRows(db: Database, table: string, rows: FixtureRow[], loadId = 1): Promise<void> {
  const columnTypes = await db.query<{ column_name: string; data_type: string }>(
    'select column_name, data_type from duckdb_columns() where table_name = $1 and not internal',
    [table],
  );
  const types = new Map(columnTypes.map((c) => [c.column_name, c.data_type]));
  const provenance = types.has('load_id') && types.has('source_line');
  for (const [index, row] of rows.entries()) {
    const columns = Object.keys(row);
    // Types come from the catalog; values are bound.
    const values = columns.map((c) => sql`cast(${row[c] as DuckDBValue} as ${trusted(types.get(c) ?? 'varchar')})`);
    if (provenance && !('load_id' in row)) {
      columns.push('load_id', 'source_line');
      values.push(literal(loadId), literal(index + 2));
    }
    await db.exec(sql`insert into ${ident(table)} (${join(columns.map(ident))}) values (${join(values)})`);
  }
}
