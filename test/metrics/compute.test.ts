/**
 * computeMetrics as a job: one transaction (a failure leaves every table as it was) and one
 * row in `runs` per compute.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { compute, insertValues, rows } from './metrics-fixture.ts';

const callColumns = 'call_id, direction, agent_id, started_at, answered_at, ended_at';

describe('computeMetrics', () => {
  it('records each run in runs with its day, status and counts', async () => {
    await withDb(async (db) => {
      await insertValues(
        db,
        'calls',
        callColumns,
        `
        ('c1', 'inbound', 'a1', '2026-11-20 10:00:00', '2026-11-20 10:00:05', '2026-11-20 10:01:00'),
        ('c2', 'inbound', 'a1', '2026-11-21 10:00:00', '2026-11-21 10:00:05', '2026-11-21 10:01:00')`,
      );
      await compute(db);
      await compute(db, { date: '2026-11-21' });
      const runs = await rows(
        db,
        `select command, day::varchar as day, status, finished is not null as finished,
        counts->>'mode' as mode, (counts->>'call_facts')::integer as call_facts from runs order by run_id`,
      );
      expect(runs).toEqual([
        { command: 'compute', day: null, status: 'done', finished: true, mode: 'full', call_facts: 2 },
        { command: 'compute', day: '2026-11-21', status: 'done', finished: true, mode: 'incremental', call_facts: 2 },
      ]);
    });
  });

  it('leaves the database as it was when a step fails', async () => {
    await withDb(async (db) => {
      await insertValues(
        db,
        'calls',
        callColumns,
        `
        ('c1', 'inbound', 'a1', '2026-11-20 10:00:00', '2026-11-20 10:00:05', '2026-11-20 10:01:00')`,
      );
      await compute(db);
      // A new call arrives, and something else took the name agent_daily: the compute
      // replaces call_facts first and then fails on agent_daily.
      await insertValues(
        db,
        'calls',
        callColumns,
        `
        ('c2', 'inbound', 'a1', '2026-11-21 10:00:00', '2026-11-21 10:00:05', '2026-11-21 10:01:00')`,
      );
      await db.exec('drop table agent_daily; create view agent_daily as select 1 as blocked');
      await expect(compute(db)).rejects.toThrow(/agent_daily/);
      // call_facts still holds the one call of the earlier compute, and the view is untouched.
      expect(await rows(db, 'select call_id from call_facts')).toEqual([{ call_id: 'c1' }]);
      expect(await rows(db, 'select * from agent_daily')).toEqual([{ blocked: 1 }]);
      expect(
        await rows(db, "select status, counts->>'error' is not null as has_error from runs order by run_id"),
      ).toEqual([
        { status: 'done', has_error: false },
        { status: 'failed', has_error: true },
      ]);
    });
  });
});
