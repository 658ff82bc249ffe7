import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import { compute, outbound, runRule } from '../helpers.ts';

const sale = (id: string, answered: string, ended: string, hold = 0, agent = 'A1') =>
  outbound(id, {
    agent_id: agent,
    started_at: answered,
    answered_at: answered,
    ended_at: ended,
    hold_s: hold,
    disposition: 'sale',
  });

describe('short_sale', () => {
  it('flags a sale with less than short_sale_s of talk, not one at or above it', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        // Earlier sales of A1 for the baseline: 300 s and 200 s of talk -> median 250 s.
        sale('E1', '2026-11-10 10:00:00', '2026-11-10 10:05:00'),
        sale('E2', '2026-11-12 10:00:00', '2026-11-12 10:03:20'),
        // Fires: 55 s connected, no hold -> talk 55 s < 60.
        sale('S1', '2026-11-20 10:00:10', '2026-11-20 10:01:05'),
        // Near misses: 90 s connected − 25 s hold = 65 s; exactly 60 s.
        sale('S2', '2026-11-20 11:00:00', '2026-11-20 11:01:30', 25),
        sale('S3', '2026-11-20 12:00:00', '2026-11-20 12:01:00'),
        // Not a sale: 10 s of talk does not matter.
        outbound('N1', {
          agent_id: 'A1',
          started_at: '2026-11-20 13:00:00',
          answered_at: '2026-11-20 13:00:00',
          ended_at: '2026-11-20 13:00:10',
          disposition: 'not_interested',
        }),
      ]);
      await compute(db);
      const rows = await runRule(db, 'short_sale');
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row).toMatchObject({
        entity_type: 'call',
        entity_id: 'S1',
        day: '2026-11-20',
        metric: 'talk_s',
        value: 55,
        baseline: 250,
        evidence: ['S1'],
      });
      expect(row!.score).toBeCloseTo(1 - 55 / 60, 6);
      expect(row!.severity).toBe('medium'); // 55 s is not under half the threshold (30 s)
      expect(row!.explanation).toBe(
        'Agent A1 closed a sale in call S1 on 2026-11-20 after only 55 s of talk (threshold 60 s); their sales of the previous 28 days took 250 s of talk (median of 2).',
      );
    }, 'Asia/Shanghai');
  });

  it('follows short_sale_s from the config', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [sale('S2', '2026-11-20 11:00:00', '2026-11-20 11:01:30', 25)]);
      await compute(db);
      // talk 65 s: flagged under a 90 s threshold; medium, as 65 s is not under half of it (45 s).
      const rows = await runRule(db, 'short_sale', { topLevel: { short_sale_s: 90 } });
      expect(rows.map((r) => [r.entity_id, r.value, r.severity])).toEqual([['S2', 65, 'medium']]);
      expect(rows[0]!.explanation).toContain('they had no sales in the 28 days before');
    });
  });
});
