/** Runs on record: a row left `running` by a killed process is marked `died` by the next run. */
import { describe, expect, it } from 'vitest';
import { markDeadRuns, recordRun } from '../../src/db/record-run.ts';
import { withDb } from '../util/with-db.ts';

describe('markDeadRuns', () => {
  it('marks every running row died, leaves finished ones, and says which', async () => {
    await withDb(async (db) => {
      await recordRun(db, { command: 'compute', day: null }, async () => ({ result: null }));
      await db.exec(
        `insert into runs (run_id, command, day, started, status) values (90, 'nightly', '2026-11-20', '2026-11-21 02:30:00+00', 'running')`,
      );
      expect(await markDeadRuns(db)).toEqual([{ run_id: 90, command: 'nightly', started: '2026-11-21 02:30:00' }]);
      const rows = await db.queryJs(
        'select run_id, status, finished is not null as finished from runs order by run_id',
      );
      expect(rows).toEqual([
        { run_id: 1, status: 'done', finished: true },
        { run_id: 90, status: 'died', finished: true },
      ]);
      expect(await markDeadRuns(db)).toEqual([]);
    });
  });
});
