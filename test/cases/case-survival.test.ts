/**
 * Cases and reviews through real detections: a robocall burst from one number on three
 * nights is one case; its review and id survive a full recompute with re-detection of every
 * day, a late file (reload) and the re-detection of an old day. Nothing there deletes or
 * rewrites a review.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { insertRows } from '../util/insert-rows.ts';
import { detectAnomalies } from '../../src/anomalies/detect.ts';
import { applyReviews } from '../../src/cases/apply-reviews.ts';
import type { Database } from '../../src/db/database.ts';
import { compute, configFor, inbound } from '../anomalies/helpers.ts';
import { caseRows, eventRows } from './helpers.ts';

const tz = 'Asia/Shanghai';
// A burst is 3 calls of at most 20 s from one number within 10 minutes.
const config = configFor('robocall_burst', { min_calls: 3 }, { recognition_top: 0 });

/** Three 10-second calls from `number` at 10:00, 10:01 and 10:02 on `day`. */
const burst = (number: string, day: string) =>
  [0, 1, 2].map((minute) =>
    inbound(`${number}-${day}-${minute}`, {
      caller_id: number,
      started_at: `${day} 10:0${minute}:00`,
      ended_at: `${day} 10:0${minute}:10`,
    }),
  );

const NIGHTS = ['2026-11-01', '2026-11-02', '2026-11-03'];

async function caseOfNumber(db: Database, number: string) {
  return (await caseRows(db)).find((c) => c.entity_id === number);
}

describe('a case across nights', () => {
  it('is one case with its review, through a full recompute, a reload and re-detection of an old day', async () => {
    await withDb(async (db) => {
      await insertRows(
        db,
        'calls',
        NIGHTS.flatMap((day) => burst('13900000001', day)),
      );
      // One nightly detection per night.
      for (const day of NIGHTS) await detectAnomalies(db, config, { day });
      const spanning = {
        case_id: 1,
        rule: 'robocall_burst',
        entity_id: '13900000001',
        first_seen: '2026-11-01',
        last_seen: '2026-11-03',
        days_active: 3,
        episodes: 1,
        findings: 3,
        state: 'ongoing',
      };
      expect(await caseRows(db)).toMatchObject([spanning]);
      await applyReviews(
        db,
        config,
        [{ line: 0, caseId: 1, verdict: 'confirmed', note: 'auto-dialler on a trunk', by: 'ana' }],
        '2026-11-04',
      );
      const events = await eventRows(db);
      expect(events).toEqual([
        { case_id: 1, by: 'callq', field: 'state', from: null, to: 'new', note: null },
        { case_id: 1, by: 'callq', field: 'state', from: 'new', to: 'ongoing', note: null },
        { case_id: 1, by: 'ana', field: 'verdict', from: null, to: 'confirmed', note: 'auto-dialler on a trunk' },
        { case_id: 1, by: 'ana', field: 'due', from: null, to: '2026-11-11', note: null },
      ]);
      const reviewed = { ...spanning, verdict: 'confirmed', due: '2026-11-11' };

      // compute --full, then detection of every day.
      await compute(db);
      await detectAnomalies(db, config);
      expect(await caseRows(db)).toMatchObject([reviewed]);

      // A late file: another number's burst on the 2nd.
      await insertRows(db, 'calls', burst('13900000002', '2026-11-02'), 2);
      await compute(db);
      await detectAnomalies(db, config);
      expect(await caseOfNumber(db, '13900000001')).toMatchObject(reviewed);
      expect(await caseOfNumber(db, '13900000002')).toMatchObject({
        case_id: 2,
        first_seen: '2026-11-02',
        state: 'cleared',
        verdict: null,
      });

      // Re-detection of an old day.
      await detectAnomalies(db, config, { day: '2026-11-02' });
      expect(await caseOfNumber(db, '13900000001')).toMatchObject(reviewed);
      // The review's rows are as they were; later rows are callq's about the new case only.
      const after = await eventRows(db);
      expect(after.slice(0, events.length)).toEqual(events);
      expect(after.slice(events.length)).toEqual([
        { case_id: 2, by: 'callq', field: 'state', from: null, to: 'cleared', note: null },
      ]);
    }, tz);
  });
});
