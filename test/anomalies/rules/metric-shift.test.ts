import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import type { Database } from '../../../src/db/database.ts';
import { createFactTables } from '../fact-tables.ts';
import { runRule, spanDays } from '../helpers.ts';

/**
 * Agent-days of `agent` from 2026-10-20 on (day 1), `days` of them: conversion and aht
 * from the given functions of the day number, 50 answered outbound calls and no other
 * metric (so only conversion and aht are judged).
 */
async function agentDays(db: Database, agent: string, days: number, conversion: (d: number) => number, aht: (d: number) => number, volume = 50) {
  await insertRows(db, 'calls', spanDays(dayNumber(1), dayNumber(days)).map((c) => ({ ...c, call_id: `${agent}-${c.call_id}` })));
  await insertRows(db, 'agent_daily', Array.from({ length: days }, (_, i) => ({
    agent_id: agent, day: dayNumber(i + 1),
    calls: volume, answered: volume, answered_outbound: volume, talk_calls: 0, surveys: 0,
    conversion_rate: conversion(i + 1), aht_s: aht(i + 1),
  })));
}

/** Day d counted from 2026-10-20 = day 1, as YYYY-MM-DD. */
const dayNumber = (d: number) => new Date(Date.UTC(2026, 9, 19 + d)).toISOString().slice(0, 10);

const settings = { metrics: ['conversion', 'aht'] };

describe('metric_shift', () => {
  it('flags a day far from the agent\'s own median, not a smaller move (MAD = 0 falls back, floor holds)', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // Days 1-25 (Oct 20 - Nov 13): conversion 0.10 on odd days, 0.12 on even days; aht 280, 300, 320 repeating.
      // Day 26 (Nov 14): conversion 0.50 and aht 150 (halved). Day 27 (Nov 15): conversion 0.24, aht 200.
      const conversion = (d: number) => (d === 26 ? 0.5 : d === 27 ? 0.24 : d % 2 === 1 ? 0.1 : 0.12);
      const aht = (d: number) => (d === 26 ? 150 : d === 27 ? 200 : [280, 300, 320][d % 3]!);
      await agentDays(db, 'A1', 27, conversion, aht);
      await insertRows(db, 'call_facts', [
        { call_id: 'S1', day: '2026-11-14', agent_id: 'A1', direction: 'outbound', answered: true, sale: true, handle_s: 100 },
        { call_id: 'N1', day: '2026-11-14', agent_id: 'A1', direction: 'outbound', answered: true, sale: false, handle_s: 200 },
      ]);
      const rows = await runRule(db, 'metric_shift', { settings });
      expect(rows.map((r) => [r.entity_id, r.day, r.metric])).toEqual([
        ['A1', '2026-11-14', 'aht'],
        ['A1', '2026-11-14', 'conversion'],
      ]);
      const [ahtRow, conversionRow] = rows;
      // Conversion, baseline days 1-25: thirteen 0.10 and twelve 0.12 -> median 0.10, MAD 0.
      // Fallback 1.2533 x mean |x - 0.10| = 1.2533 x (12 x 0.02 / 25) = 0.012032; the
      // binomial floor sqrt(0.10 x 0.90 / 50) = 0.042426 is larger: z = 0.40 / 0.042426 = 9.43.
      expect(conversionRow!.baseline).toBeCloseTo(0.1, 9);
      expect(conversionRow!.score).toBeCloseTo(0.4 / Math.sqrt(0.09 / 50), 6);
      expect(conversionRow!.severity).toBe('high'); // |z| >= 7
      expect(conversionRow!.evidence).toEqual(['N1', 'S1']);
      // Day 27 is not flagged. Conversion 0.24 against days 2-26 (twelve 0.10, twelve 0.12,
      // one 0.50): median 0.12, MAD 0.02, scale max(1.4826 x 0.02, sqrt(0.12 x 0.88 / 50) =
      // 0.0460) -> z = 0.12 / 0.0460 = 2.6. aht 200 against median 300, MAD 20: z = -3.37.
      // aht, baseline days 1-25: 280 x 8, 300 x 9, 320 x 8 -> median 300, MAD 20, scale 1.4826 x 20 = 29.652.
      expect(ahtRow!.baseline).toBe(300);
      expect(ahtRow!.score).toBeCloseTo((150 - 300) / (1.4826 * 20), 6);
      expect(ahtRow!.severity).toBe('medium');
      expect(ahtRow!.explanation).toBe("Agent A1's average handle time was 150 s on 2026-11-14 against a usual 300 s (median of their previous 25 days); robust z = -5.1.");
    }, 'Asia/Shanghai');
  });

  it('gives no verdict without enough baseline days or volume', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // 13 baseline days (< 14) then a jump: a new agent, no verdict.
      await agentDays(db, 'NEW', 14, (d) => (d === 14 ? 0.9 : 0.1), () => 300);
      // 20 baseline days, then a jump on a day with 5 answered outbound calls (< 10).
      await agentDays(db, 'LOW', 20, () => 0.1, () => 300);
      await insertRows(db, 'agent_daily', [{ agent_id: 'LOW', day: '2026-11-09', calls: 5, answered: 5, answered_outbound: 5, talk_calls: 0, surveys: 0, conversion_rate: 1, aht_s: 300 }]);
      expect(await runRule(db, 'metric_shift', { settings })).toEqual([]);
    }, 'Asia/Shanghai');
  });

  it('judges a constant series against the floor instead of dividing by a zero MAD', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // 20 days at exactly 0.10 (MAD 0, mean deviation 0), then 0.10 (z 0), then 0.30:
      // z = 0.20 / sqrt(0.10 x 0.90 / 50) = 4.71 > 3.5.
      await agentDays(db, 'C1', 22, (d) => (d === 22 ? 0.3 : 0.1), () => 300);
      const rows = await runRule(db, 'metric_shift', { settings });
      expect(rows.map((r) => [r.day, r.metric])).toEqual([['2026-11-10', 'conversion']]);
      expect(rows[0]!.score).toBeCloseTo(0.2 / Math.sqrt(0.09 / 50), 6);
    }, 'Asia/Shanghai');
  });
});
