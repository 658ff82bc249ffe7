/** The local days the data covers: from the first to the last day any input event happened. */
import type { Database } from '../db/database.ts';
import type { DayRange } from './rule-params.ts';

export async function dataDayRange(db: Database): Promise<DayRange | null> {
  const [row] = await db.query<{ first_day: string | null; last_day: string | null }>(`
    with event_days as (
      select min(started_at) as first_at, max(started_at) as last_at from calls
      union all select min(opened_at), max(opened_at) from complaints
      union all select min(responded_at), max(responded_at) from surveys
      union all select min(audited_at), max(audited_at) from audits
    )
    select
      strftime(cast(min(first_at) as date), '%Y-%m-%d') as first_day,
      strftime(cast(max(last_at) as date), '%Y-%m-%d') as last_day
    from event_days`);
  if (!row?.first_day || !row.last_day) return null;
  return { from: row.first_day, to: row.last_day, allDays: true };
}
