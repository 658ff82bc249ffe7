/** The local days the data covers, over every table with an event time. */
import { describe, expect, it } from 'vitest';
import { dataDayRange } from '../../src/anomalies/data-days.ts';
import { insertRows } from '../util/insert-rows.ts';
import { withDb } from '../util/with-db.ts';

describe('dataDayRange', () => {
  it('is null without events', async () => {
    expect(await withDb((db) => dataDayRange(db))).toBeNull();
  });

  it('runs from the first to the last local day of calls, complaints, surveys and audits', async () => {
    const range = await withDb(async (db) => {
      // Shanghai is UTC+8: 2026-11-09 23:30 UTC is already the 10th there, 2026-11-20 15:59 UTC still the 20th.
      await insertRows(db, 'calls', [
        {
          call_id: 'c1',
          direction: 'inbound',
          started_at: '2026-11-12 10:00:00+00',
          ended_at: '2026-11-12 10:05:00+00',
        },
      ]);
      await insertRows(db, 'complaints', [{ complaint_id: 'k1', opened_at: '2026-11-09 23:30:00+00' }]);
      await insertRows(db, 'surveys', [{ survey_id: 's1', call_id: 'c1', responded_at: '2026-11-20 15:59:00+00' }]);
      await insertRows(db, 'audits', [
        { audit_id: 'a1', agent_id: 'x', auditor_id: 'y', audited_at: '2026-11-15 09:00:00+00', item_id: 'i1' },
      ]);
      return dataDayRange(db);
    }, 'Asia/Shanghai');
    expect(range).toEqual({ from: '2026-11-10', to: '2026-11-20', allDays: true });
  });
});
