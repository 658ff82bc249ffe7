import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import { outbound, runRule } from '../helpers.ts';

const sale = (id: string, customer: string, disposition = 'sale') =>
  outbound(id, {
    agent_id: 'A1',
    customer_id: customer,
    started_at: '2026-11-10 10:00:00',
    answered_at: '2026-11-10 10:00:05',
    ended_at: '2026-11-10 10:05:00',
    disposition,
  });

describe('complaint_after_sale', () => {
  it('flags a complaint from the customer within 7 days after a sale, on the day it was opened', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        sale('S1', 'K1'),
        sale('S2', 'K2'),
        sale('S3', 'K3'),
        sale('N4', 'K4', 'interested'),
      ]);
      await insertRows(db, 'complaints', [
        // Fires: 5 days 22 h 55 min after S1 ended (10:05 on the 10th -> 09:00 on the 16th).
        {
          complaint_id: 'X1',
          customer_id: 'K1',
          opened_at: '2026-11-16 09:00:00',
          severity: 'low',
          category: 'billing',
        },
        // Near miss: 7 days and 1 minute after S2 ended.
        { complaint_id: 'X2', customer_id: 'K2', opened_at: '2026-11-17 10:06:00', severity: 'high' },
        // Near miss: before the sale.
        { complaint_id: 'X3', customer_id: 'K3', opened_at: '2026-11-09 10:00:00', severity: 'high' },
        // Near miss: the customer did not buy.
        { complaint_id: 'X4', customer_id: 'K4', opened_at: '2026-11-11 10:00:00', severity: 'high' },
      ]);
      const rows = await runRule(db, 'complaint_after_sale');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        entity_type: 'call',
        entity_id: 'S1',
        day: '2026-11-16',
        metric: 'days_after_sale',
        baseline: 7,
        score: 1,
        severity: 'medium',
        evidence: ['S1', 'X1'],
      });
      // (5 × 24 h + 22 h 55 min) ÷ 24 h = 5.9965 days
      expect(rows[0]!.value).toBeCloseTo((5 * 24 * 60 + 22 * 60 + 55) / (24 * 60), 9);
      expect(rows[0]!.explanation).toBe(
        'The customer of sale call S1 (agent A1, 2026-11-10) complained 6.0 day(s) after the sale on 2026-11-16 (X1: billing).',
      );
    }, 'Asia/Shanghai');
  });

  it('runs for one day: the day the complaint was opened, not the day of the sale', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [sale('S1', 'K1')]);
      await insertRows(db, 'complaints', [
        { complaint_id: 'X1', customer_id: 'K1', opened_at: '2026-11-16 09:00:00', severity: 'high' },
      ]);
      expect(await runRule(db, 'complaint_after_sale', { day: '2026-11-10' })).toEqual([]);
      const rows = await runRule(db, 'complaint_after_sale', { day: '2026-11-16' });
      expect(rows.map((r) => [r.entity_id, r.day, r.severity])).toEqual([['S1', '2026-11-16', 'high']]);
    }, 'Asia/Shanghai');
  });
});
