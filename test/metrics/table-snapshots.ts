/**
 * Compares the derived tables before and after: snapshot() copies each to snap_<name>,
 * differences() counts the rows that differ either way: bit for bit, or with `rounded`
 * doubles to 9 decimals (an incremental compute adds a day's sums in another grouping).
 */
import type { Database } from '../../src/db/database.ts';
import { DERIVED_TABLES } from '../../src/metrics/models.ts';

/** Copies every derived table to snap_<name>. */
export async function snapshot(db: Database): Promise<void> {
  for (const name of DERIVED_TABLES)
    await db.exec(`create or replace temp table snap_${name} as select * from ${name}`);
}

export async function differences(db: Database, { rounded = true } = {}): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of DERIVED_TABLES) {
    const columns = await db.query<{ column_name: string; data_type: string }>(
      `select column_name, data_type from duckdb_columns() where table_name = $1 and database_name <> 'temp' order by column_index`,
      [name],
    );
    const list = columns
      .map((c) => (rounded && c.data_type === 'DOUBLE' ? `round("${c.column_name}", 9)` : `"${c.column_name}"`))
      .join(', ');
    const n = await db.scalar(
      `select count(*) from (
         (select ${list} from ${name} except all select ${list} from snap_${name})
         union all
         (select ${list} from snap_${name} except all select ${list} from ${name})
       )`,
    );
    out[name] = Number(n);
  }
  return out;
}

export const noDifferences = Object.fromEntries(DERIVED_TABLES.map((name) => [name, 0]));
