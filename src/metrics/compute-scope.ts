/**
 * Which days a compute rebuilds. A full compute rebuilds everything. `--date D` rebuilds
 * the talk-listen and call facts of D only (the costly part), FCR and the daily marts from
 * the first day D can change (see queries/incremental/first_touched_day.sql) to D, and the
 * trainer windows that contain any of those days: ending from that day to
 * D + window_days − 1. Tables without a day scope (complaint and audit facts, small) are
 * always rebuilt whole.
 */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { addDays } from '../days/calendar-day.ts';
import type { Config } from '../config/config-schema.ts';
import { bindDay, bindDayRange } from './compute-params.ts';
import { FIRST_TOUCHED_DAY_FILE, type Scope } from './models.ts';

export type DayRange = { from: string; to: string };
export type ComputeScope = Record<Exclude<Scope, 'all'>, DayRange>;

const EVERY_DAY: DayRange = { from: '-infinity', to: 'infinity' };

export const FULL_SCOPE: ComputeScope = { calls: EVERY_DAY, marts: EVERY_DAY, windows: EVERY_DAY };

/** Needs the staging views and the call_facts of an earlier compute. */
export async function incrementalScope(db: Database, config: Config, day: string): Promise<ComputeScope> {
  await bindDay(db, 'report_day', day);
  const rows = await db.query<{ first_day: string }>(readQuery(FIRST_TOUCHED_DAY_FILE));
  const firstDay = rows[0]?.first_day ?? day;
  return {
    calls: { from: day, to: day },
    marts: { from: firstDay, to: day },
    windows: { from: firstDay, to: addDays(day, config.window_days - 1) },
  };
}

export async function bindScope(db: Database, scope: ComputeScope): Promise<void> {
  for (const [name, range] of Object.entries(scope)) await bindDayRange(db, name, range);
}
