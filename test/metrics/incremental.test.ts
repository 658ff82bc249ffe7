/**
 * `compute --date D` leaves the same derived tables as a full compute: after a full compute
 * (nothing changes), and in the nightly pattern where each day's data arrives and only that
 * day is computed, with late surveys, complaints resolved days after they were opened, and
 * FCR windows and censoring that move with the data.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { compute } from './metrics-fixture.ts';
import { addDays } from '../../src/days/calendar-day.ts';
import { FIRST_DAY, LAST_DAY, createHistory, loadThrough } from './history-fixture.ts';
import { differences, noDifferences, snapshot } from './table-snapshots.ts';

const ZONE = 'Asia/Shanghai';

describe('incremental compute', () => {
  it('changes nothing when run for a day after a full compute', async () => {
    await withDb(async (db) => {
      await createHistory(db);
      await loadThrough(db, LAST_DAY);
      await compute(db);
      await snapshot(db);
      const rowsBefore = Number(await db.scalar('select count(*) from call_facts'));
      expect(rowsBefore).toBe(360);
      for (const day of ['2026-11-04', LAST_DAY]) {
        const result = await compute(db, { date: day });
        expect(result.mode).toBe('incremental');
        expect(await differences(db), day).toEqual(noDifferences);
      }
    }, ZONE);
  });

  it('computing each new day as it arrives ends where a full compute does', async () => {
    await withDb(async (db) => {
      await createHistory(db);
      const firstIncremental = '2026-11-05';
      await loadThrough(db, addDays(firstIncremental, -1));
      await compute(db);
      for (let day = firstIncremental; day <= LAST_DAY; day = addDays(day, 1)) {
        await loadThrough(db, day);
        const result = await compute(db, { date: day });
        expect(result.scope.calls).toEqual({ from: day, to: day });
      }
      await snapshot(db);
      const full = await compute(db);
      expect(full.mode).toBe('full');
      expect(full.counts.call_facts).toBe(360);
      expect(await differences(db)).toEqual(noDifferences);
    }, ZONE);
  });

  it('reaches back to the opened day of a complaint resolved long after', async () => {
    await withDb(async (db) => {
      await createHistory(db);
      // A complaint resolved more than repeat_window_days + 1 days after it was opened,
      // within the data: the compute of its resolution day must redo its opened day.
      const late = await db.query<{ opened: string; resolved: string }>(`
        select cast(cast(opened_at as timestamptz) as date)::varchar as opened,
          cast(cast(resolved_at as timestamptz) as date)::varchar as resolved
        from src_complaints
        where cast(cast(resolved_at as timestamptz) as date) - cast(cast(opened_at as timestamptz) as date) > 8
          and cast(resolved_at as timestamptz) < cast(date '${LAST_DAY}' + 1 as timestamptz)
        order by complaint_id limit 1`);
      expect(late.length).toBe(1);
      const { opened, resolved } = late[0]!;
      expect(opened < addDays(resolved, -8)).toBe(true);
      await loadThrough(db, addDays(resolved, -1));
      await compute(db);
      await loadThrough(db, resolved);
      const result = await compute(db, { date: resolved });
      expect(result.scope.marts.from <= opened).toBe(true);
      await snapshot(db);
      await compute(db);
      expect(await differences(db)).toEqual(noDifferences);
    }, ZONE);
  });

  it('settles FCR censored before a gap of days without data', async () => {
    await withDb(async (db) => {
      await createHistory(db);
      // No calls from 11-05 to 11-10: the calls of 11-01..11-04 stay censored until 11-11
      // brings data again, further back than 11-11 − 8 days.
      await db.exec(`
        delete from src_calls where cast(started_at as timestamp) between '2026-11-05' and '2026-11-11';
        delete from src_segments where call_id not in (select call_id from src_calls);
        delete from src_surveys where call_id not in (select call_id from src_calls);
        delete from src_complaints where call_id not in (select call_id from src_calls);`);
      await loadThrough(db, '2026-11-04');
      await compute(db);
      await loadThrough(db, '2026-11-11');
      const result = await compute(db, { date: '2026-11-11' });
      expect(result.scope.marts.from).toBe(FIRST_DAY);
      await snapshot(db);
      await compute(db);
      expect(await differences(db)).toEqual(noDifferences);
    }, ZONE);
  });

  it('builds everything when no compute has run yet', async () => {
    await withDb(async (db) => {
      await createHistory(db);
      await loadThrough(db, FIRST_DAY);
      const result = await compute(db, { date: FIRST_DAY });
      expect(result.mode).toBe('full');
      expect(result.counts.call_facts).toBe(30);
    }, ZONE);
  });
});
