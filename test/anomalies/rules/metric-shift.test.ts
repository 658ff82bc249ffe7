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

/** A share of k in n on the arcsine scale metric_shift judges shares on (Anscombe's form). */
const t = (k: number, n: number) => Math.asin(Math.sqrt((k + 3 / 8) / (n + 3 / 4)));

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
      // Conversion is judged as t(k of n) = asin √((k + 3/8) / (n + 3/4)), n = 50.
      // Baseline days 1-25: thirteen 5/50 (0.10), twelve 6/50 (0.12) -> median t(5), MAD 0;
      // fallback 1.2533 x 12 x (t(6) - t(5)) / 25 = 0.0185 is below the noise floor
      // 1 / (2 √50) = 0.0707. Day 26 (25/50): z = (t(25) - t(5)) / 0.0707 = 6.42.
      expect(conversionRow!.baseline).toBeCloseTo(0.1, 9);
      expect(conversionRow!.score).toBeCloseTo((t(25, 50) - t(5, 50)) * 2 * Math.sqrt(50), 6);
      expect(conversionRow!.score).toBeCloseTo(6.419, 3);
      expect(conversionRow!.severity).toBe('medium'); // |z| < 7
      expect(conversionRow!.evidence).toEqual(['N1', 'S1']);
      // Day 27 is not flagged. Conversion 12/50 against days 2-26 (twelve 5/50, twelve 6/50,
      // one 25/50): median t(6), MAD t(6) - t(5) = 0.031, x 1.4826 below the floor 0.0707
      // -> z = (t(12) - t(6)) / 0.0707 = 2.18. aht 200 against median 300, MAD 20: z = -3.37.
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
      // 20 days at exactly 5/50 (MAD 0, mean deviation 0), day 21 at 11/50, day 22 at 20/50.
      // Day 21: z = (t(11) - t(5)) / (1 / (2 √50)) = 2.29, not flagged. Day 22 against days
      // 1-21 (median t(5), MAD 0, mean deviation too small): z = (t(20) - t(5)) / 0.0707 = 5.02.
      await agentDays(db, 'C1', 22, (d) => (d === 22 ? 0.4 : d === 21 ? 0.22 : 0.1), () => 300);
      const rows = await runRule(db, 'metric_shift', { settings });
      expect(rows.map((r) => [r.day, r.metric])).toEqual([['2026-11-10', 'conversion']]);
      expect(rows[0]!.score).toBeCloseTo((t(20, 50) - t(5, 50)) * 2 * Math.sqrt(50), 6);
    }, 'Asia/Shanghai');
  });

  it('does not judge a daily mean more finely than its calls allow (aht)', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // Days 1-20: ten answered calls a day, five of 100 s and five of 500 s: aht exactly 300
      // every day (MAD 0). Day 21: ten calls of 400 s. Day 22: ten calls of 600 s.
      const aht = (d: number) => (d === 21 ? 400 : d === 22 ? 600 : 300);
      await agentDays(db, 'A1', 22, () => 0, aht, 10);
      await db.exec('update agent_daily set answered_outbound = 0, conversion_rate = null');
      await insertRows(db, 'call_facts', Array.from({ length: 22 }, (_, i) => i + 1).flatMap((d) =>
        Array.from({ length: 10 }, (_, c) => ({
          call_id: `C${d}-${c}`, day: dayNumber(d), agent_id: 'A1', direction: 'inbound', answered: true,
          handle_s: d <= 20 ? (c < 5 ? 100 : 500) : aht(d),
        }))));
      const rows = await runRule(db, 'metric_shift', { settings });
      // Day 21 against days 1-20: single calls 100 x 100 s and 100 x 500 s, sd
      // √(200 x 200² / 199) = 200.5; the day's mean of 10 calls is known to ± 200.5 / √10 =
      // 63.4 (more than 5% of 300 = 15): z = 100 / 63.4 = 1.58, not flagged.
      // Day 22 against days 1-21 (adding ten calls of 400 s): n 210, Σ 64 000,
      // Σx² 27 600 000 -> sd √((27 600 000 - 64 000² / 210) / 209) = 196.8, / √10 = 62.24;
      // median 300, MAD 0, mean deviation 100 / 21 x 1.2533 = 6.0: z = 300 / 62.24 = 4.82.
      expect(rows.map((r) => [r.day, r.metric])).toEqual([[dayNumber(22), 'aht']]);
      const sd = Math.sqrt((27_600_000 - 64_000 ** 2 / 210) / 209);
      expect(rows[0]!.score).toBeCloseTo(300 / (sd / Math.sqrt(10)), 6);
    }, 'Asia/Shanghai');
  });
});
