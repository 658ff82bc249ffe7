/**
 * What a nightly has to bring up to date: every load since the last nightly that finished
 * (not only its own: a run that loaded files and then died left them uncomputed), and the
 * days those loads reach.
 */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { setVariable } from '../db/sql-params.ts';

/** Loads applied after the last nightly that finished (done, or done with rejects). */
export async function loadsSinceLastNightly(db: Database): Promise<number[]> {
  const rows = await db.query<{ load_id: number }>(
    `select load_id from load_log
     where finished > coalesce(
       (select max(finished) from runs where command = 'nightly' and status in ('done', 'rejects')),
       '-infinity'::timestamptz)
     order by load_id`,
  );
  return rows.map((r) => Number(r.load_id));
}

export interface TouchedDays {
  days: string[];
  /** A load changed agents or the audit form: every day. */
  everyDay: boolean;
}

export async function daysTouchedBy(db: Database, loadIds: readonly number[]): Promise<TouchedDays> {
  if (loadIds.length === 0) return { days: [], everyDay: false };
  await setVariable(db, { name: 'touched_loads', value: loadIds, type: 'integer' });
  const rows = await db.query<{ day: string | null; every_day: boolean }>(
    `select strftime(day, '%Y-%m-%d') as day, every_day from (${readQuery('incremental/days_touched_by_loads.sql')}) order by day`,
  );
  return { days: rows.flatMap((r) => (r.day ? [r.day] : [])), everyDay: rows.some((r) => r.every_day) };
}
