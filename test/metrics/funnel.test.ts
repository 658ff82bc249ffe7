/** The outbound funnel (funnel_daily): by lead grade and by local hour, with Wilson intervals. */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { compute, insertValues, rows } from './metrics-fixture.ts';

describe('funnel_daily', () => {
  it('counts dialled, connected, interested and sold by lead grade and by hour', async () => {
    await withDb(async (db) => {
      await insertValues(
        db,
        'calls',
        'call_id, direction, agent_id, lead_grade, started_at, answered_at, ended_at, disposition',
        `
        ('g1', 'outbound', 'a1', 'A', '2026-11-20 09:10:00', '2026-11-20 09:10:05', '2026-11-20 09:12:00', 'sale'),
        ('g2', 'outbound', 'a1', 'A', '2026-11-20 09:40:00', '2026-11-20 09:40:05', '2026-11-20 09:42:00', 'callback'),
        ('g3', 'outbound', 'a1', 'B', '2026-11-20 09:50:00', '2026-11-20 09:50:05', '2026-11-20 09:52:00', 'not_interested'),
        ('g4', 'outbound', 'a1', 'B', '2026-11-20 10:05:00', null, '2026-11-20 10:05:30', 'no_answer'),
        ('g5', 'outbound', 'a1', null, '2026-11-20 10:30:00', '2026-11-20 10:30:05', '2026-11-20 10:32:00', 'interested'),
        ('in', 'inbound', 'a1', null, '2026-11-20 09:20:00', '2026-11-20 09:20:05', '2026-11-20 09:22:00', 'resolved')`,
      );
      await compute(db);
      const funnel = await rows(
        db,
        `select breakdown, lead_grade, hour, dialled, answered_outbound, interested, sales,
        contact_rate, interest_rate, conversion_rate from funnel_daily order by breakdown, lead_grade nulls last, hour`,
      );
      expect(funnel).toEqual([
        // 09:00: g1, g2, g3 all connected; g1 (sale) and g2 (callback) interested; 1 sale.
        {
          breakdown: 'hour',
          lead_grade: null,
          hour: 9,
          dialled: 3,
          answered_outbound: 3,
          interested: 2,
          sales: 1,
          contact_rate: 1,
          interest_rate: 2 / 3,
          conversion_rate: 1 / 3,
        },
        // 10:00: g4 unanswered, g5 interested.
        {
          breakdown: 'hour',
          lead_grade: null,
          hour: 10,
          dialled: 2,
          answered_outbound: 1,
          interested: 1,
          sales: 0,
          contact_rate: 0.5,
          interest_rate: 1,
          conversion_rate: 0,
        },
        {
          breakdown: 'lead_grade',
          lead_grade: 'A',
          hour: null,
          dialled: 2,
          answered_outbound: 2,
          interested: 2,
          sales: 1,
          contact_rate: 1,
          interest_rate: 1,
          conversion_rate: 0.5,
        },
        {
          breakdown: 'lead_grade',
          lead_grade: 'B',
          hour: null,
          dialled: 2,
          answered_outbound: 1,
          interested: 0,
          sales: 0,
          contact_rate: 0.5,
          interest_rate: 0,
          conversion_rate: 0,
        },
        // Calls without a grade keep their own row.
        {
          breakdown: 'lead_grade',
          lead_grade: null,
          hour: null,
          dialled: 1,
          answered_outbound: 1,
          interested: 1,
          sales: 0,
          contact_rate: 1,
          interest_rate: 1,
          conversion_rate: 0,
        },
      ]);
      // Grade A, 1 sale of 2: centre (0.5 + z²/4) ÷ (1 + z²/2) = 1.460365 ÷ 2.920729 = 0.5;
      // half = z ÷ 2.920729 × √(0.25/2 + z²/16) = 0.671053 × 0.604228 = 0.405469 → [0.094531, 0.905469]
      const gradeA = await rows(db, "select conversion_lo, conversion_hi from funnel_daily where lead_grade = 'A'");
      expect(gradeA[0]!.conversion_lo).toBeCloseTo(0.094531, 5);
      expect(gradeA[0]!.conversion_hi).toBeCloseTo(0.905469, 5);
    });
  });
});
