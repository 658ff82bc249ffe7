import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows, type FixtureRow } from '../../util/insert-rows.ts';
import type { Database } from '../../../src/db/database.ts';
import { createFactTables } from '../fact-tables.ts';
import { runRule, spanDays } from '../helpers.ts';

/** A share of k in n on the arcsine scale metric_shift judges shares on (Anscombe's form). */
const t = (k: number, n: number) => Math.asin(Math.sqrt((k + 3 / 8) / (n + 3 / 4)));

/** Day d counted from 2026-10-20 = day 1, as YYYY-MM-DD. */
const dayNumber = (d: number) => new Date(Date.UTC(2026, 9, 19 + d)).toISOString().slice(0, 10);

/**
 * Agent-days of `agent`, days 1..`days`, with the conversion and aht the functions give
 * and `volume` answered outbound calls; the canonical calls mark the days' span.
 */
async function agentDays(
  db: Database,
  agent: string,
  days: number,
  conversion: (d: number) => number | null,
  aht: (d: number) => number,
  volume = 50,
) {
  await insertRows(
    db,
    'calls',
    spanDays(dayNumber(1), dayNumber(days)).map((c) => ({ ...c, call_id: `${agent}-${c.call_id}` })),
  );
  await insertRows(
    db,
    'agent_daily',
    Array.from({ length: days }, (_, i) => ({
      agent_id: agent,
      day: dayNumber(i + 1),
      calls: volume,
      answered: volume,
      answered_outbound: volume,
      talk_calls: 0,
      surveys: 0,
      conversion_rate: conversion(i + 1),
      aht_s: aht(i + 1),
    })),
  );
}

/** `count` answered calls of A1 on day d, `handle` s each; outbound to campaign K unless a queue is given. */
function calls(d: number, count: number, handle: number, fields: FixtureRow = {}): FixtureRow[] {
  return Array.from({ length: count }, () => ({
    day: dayNumber(d),
    agent_id: 'A1',
    direction: 'outbound',
    campaign_id: 'K',
    answered: true,
    sale: false,
    handle_s: handle,
    ...fields,
  }));
}

/** Numbers the calls C<day>-<i> in order. */
const numbered = (rows: FixtureRow[]) =>
  rows.map((r, i) => ({ call_id: `C${String(r.day).slice(5)}-${String(i).padStart(2, '0')}`, ...r }));

describe('metric_shift', () => {
  it("flags a day far from the agent's own median, not a smaller move (MAD = 0 falls back, floor holds)", async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // Days 1-25: 5 or 6 sales of 50 (0.10 on odd days, 0.12 on even). Day 26: 25 of 50. Day 27: 12 of 50.
      await agentDays(
        db,
        'A1',
        27,
        (d) => (d === 26 ? 0.5 : d === 27 ? 0.24 : d % 2 === 1 ? 0.1 : 0.12),
        () => 300,
      );
      await insertRows(db, 'call_facts', [
        {
          call_id: 'S1',
          day: dayNumber(26),
          agent_id: 'A1',
          direction: 'outbound',
          answered: true,
          sale: true,
          handle_s: 100,
        },
        {
          call_id: 'N1',
          day: dayNumber(26),
          agent_id: 'A1',
          direction: 'outbound',
          answered: true,
          sale: false,
          handle_s: 200,
        },
      ]);
      const rows = await runRule(db, 'metric_shift', { settings: { metrics: ['conversion'] } });
      expect(rows.map((r) => [r.entity_id, r.day, r.metric])).toEqual([['A1', dayNumber(26), 'conversion']]);
      // Shares are judged as t(k of n) = asin √((k + 3/8) / (n + 3/4)), n = 50.
      // Baseline days 1-25: thirteen 5/50, twelve 6/50 -> median t(5), MAD 0; fallback
      // 1.2533 x 12 x (t(6) - t(5)) / 25 = 0.0185 is below the noise floor 1 / (2 √50) =
      // 0.0707. Day 26: z = (t(25) - t(5)) / 0.0707 = 6.42.
      // Day 27 is not flagged: 12/50 against days 2-26 (twelve 5/50, twelve 6/50, one
      // 25/50): median t(6), MAD t(6) - t(5) = 0.031, x 1.4826 below the floor -> z = 2.18.
      const [row] = rows;
      expect(row!.value).toBe(0.5);
      expect(row!.baseline).toBeCloseTo(0.1, 9);
      expect(row!.score).toBeCloseTo((t(25, 50) - t(5, 50)) * 2 * Math.sqrt(50), 6);
      expect(row!.score).toBeCloseTo(6.419, 3);
      expect(row!.severity).toBe('medium'); // |z| < 2 x 3.5
      expect(row!.evidence).toEqual(['N1', 'S1']);
      expect(row!.explanation).toBe(
        "Agent A1's conversion was 50.0% on 2026-11-14 against a usual 10.0% (median of their previous 25 days); robust z = 6.4.",
      );
    }, 'Asia/Shanghai');
  });

  it('flags a day on which every answered call was a sale (the count has no tail beyond it)', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // Days 1-25: 5 sales of 50 (0.10). Day 26: 50 sales of 50.
      await agentDays(
        db,
        'A1',
        26,
        (d) => (d === 26 ? 1 : 0.1),
        () => 300,
      );
      await insertRows(db, 'call_facts', numbered(calls(26, 50, 300, { sale: true })));
      const rows = await runRule(db, 'metric_shift', { settings: { metrics: ['conversion'] } });
      // Robust z: (t(50 of 50) - t(5 of 50)) / (1 / (2 √50)) = (1.4847 - 0.3314) / 0.0707 = 16.3.
      // Exact tail against p = (25 x 5 + 0.5) / (1250 + 1) = 0.1003: P(X = 50) = 0.1003^50
      // = 1.2e-50, mid-p half of it; its normal quantile √(2L - ln 2L - ln 2π) with
      // L = ln(1 / 6e-51) = 115.6 is √(231.2 - 5.44 - 1.84) = 14.96. The score is the weaker,
      // about 15 (it was 0 when the empty sum over counts above 50 made the tail null).
      expect(rows.map((r) => [r.entity_id, r.day, r.metric, r.value])).toEqual([
        ['A1', dayNumber(26), 'conversion', 1],
      ]);
      expect(rows[0]!.score).toBeGreaterThan(14.5);
      expect(rows[0]!.score).toBeLessThan(15.5);
    }, 'Asia/Shanghai');
  });

  it('gives no verdict without enough baseline days or volume', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // 13 baseline days (< 14) then a jump: a new agent, no verdict.
      await agentDays(
        db,
        'NEW',
        14,
        (d) => (d === 14 ? 0.9 : 0.1),
        () => 300,
      );
      // 20 baseline days, then a jump on a day with 5 answered outbound calls (< 10).
      await agentDays(
        db,
        'LOW',
        20,
        () => 0.1,
        () => 300,
      );
      await insertRows(db, 'agent_daily', [
        {
          agent_id: 'LOW',
          day: dayNumber(21),
          calls: 5,
          answered: 5,
          answered_outbound: 5,
          talk_calls: 0,
          surveys: 0,
          conversion_rate: 1,
          aht_s: 300,
        },
      ]);
      expect(await runRule(db, 'metric_shift', { settings: { metrics: ['conversion'] } })).toEqual([]);
    }, 'Asia/Shanghai');
  });

  it('judges a constant series against the floor instead of dividing by a zero MAD', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // 20 days at exactly 5/50 (MAD 0, mean deviation 0), day 21 at 11/50, day 22 at 20/50.
      // Day 21: z = (t(11) - t(5)) / (1 / (2 √50)) = 2.29, not flagged. Day 22 against days
      // 1-21 (median t(5), MAD 0, mean deviation too small): z = (t(20) - t(5)) / 0.0707 = 5.02.
      await agentDays(
        db,
        'C1',
        22,
        (d) => (d === 22 ? 0.4 : d === 21 ? 0.22 : 0.1),
        () => 300,
      );
      const rows = await runRule(db, 'metric_shift', { settings: { metrics: ['conversion'] } });
      expect(rows.map((r) => [r.day, r.metric])).toEqual([[dayNumber(22), 'conversion']]);
      expect(rows[0]!.score).toBeCloseTo((t(20, 50) - t(5, 50)) * 2 * Math.sqrt(50), 6);
    }, 'Asia/Shanghai');
  });

  it("judges aht against the day's mix of calls: many sales are not a shift, shorter calls are", async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // Days 1-20: 9 calls of 100 s and one sale of 400 s (aht 130). Day 21: 5 sales of 400 s
      // and 5 calls of 100 s (aht 250). Day 22: every call 40% as long: 9 of 40 s and a sale
      // of 160 s (aht 52).
      const aht = (d: number) => (d === 21 ? 250 : d === 22 ? 52 : 130);
      await agentDays(db, 'A1', 22, () => null, aht, 10);
      await insertRows(
        db,
        'call_facts',
        numbered([
          ...Array.from({ length: 20 }, (_, i) => [
            ...calls(i + 1, 9, 100),
            ...calls(i + 1, 1, 400, { sale: true }),
          ]).flat(),
          ...calls(21, 5, 100),
          ...calls(21, 5, 400, { sale: true }),
          ...calls(22, 9, 40),
          ...calls(22, 1, 160, { sale: true }),
        ]),
      );
      const rows = await runRule(db, 'metric_shift', { settings: { metrics: ['aht'] } });
      // Baseline pace: 100 s a plain call, 400 s a sale, the same on every day (within-type
      // sd of log handle time 0). Day 21 expects (5 x 100 + 5 x 400) / 10 = 250 and every
      // call is on pace: log residual 0 (a raw aht z would be (250 - 130) / 6.5 = 18).
      // Day 22: every call 0.4 times its pace, log residual ln 0.4 = -0.916; baseline
      // residuals all 0 (MAD 0, mean deviation 0): scale = ln 1.05, z = ln 0.4 / ln 1.05 = -18.8.
      expect(rows.map((r) => [r.day, r.metric, r.value, r.baseline])).toEqual([[dayNumber(22), 'aht', 52, 130]]);
      expect(rows[0]!.score).toBeCloseTo(Math.log(0.4) / Math.log(1.05), 9);
      expect(rows[0]!.severity).toBe('high');
      expect(rows[0]!.explanation).toBe(
        "Agent A1's average handle time was 52 s on 2026-11-10 against a usual 130 s (median of their previous 21 days; 130 s expected for that day's mix of calls); robust z = -18.8.",
      );
      expect(rows[0]!.evidence).toHaveLength(10);
    }, 'Asia/Shanghai');
  });

  it('does not judge a daily mean more finely than its calls allow (aht)', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // Days 1-20: ten inbound calls a day, five of 100 s and five of 500 s: aht exactly 300
      // every day. Day 21: ten calls of 400 s. Day 22: ten calls of 600 s.
      const aht = (d: number) => (d === 21 ? 400 : d === 22 ? 600 : 300);
      await agentDays(db, 'A1', 22, () => null, aht, 10);
      const inbound = { direction: 'inbound', campaign_id: null, queue: 'Q' };
      await insertRows(
        db,
        'call_facts',
        numbered([
          ...Array.from({ length: 20 }, (_, i) => [
            ...calls(i + 1, 5, 100, inbound),
            ...calls(i + 1, 5, 500, inbound),
          ]).flat(),
          ...calls(21, 10, 400, inbound),
          ...calls(22, 10, 600, inbound),
        ]),
      );
      const rows = await runRule(db, 'metric_shift', { settings: { metrics: ['aht'] } });
      // On the log scale (one call type). Day 21 against days 1-20: mean log handle
      // (ln 100 + ln 500) / 2 = 5.4099, within sd 0.8047 x √(200 / 199) = 0.8067; the mean of
      // 10 calls is known to ± 0.8067 / √10 = 0.2551 (more than ln 1.05): residual
      // ln 400 - 5.4099 = 0.5816, baseline residuals 0 -> z = 2.28, not flagged.
      // Day 22 against days 1-21 (adding ten calls of 400 s): mean log m = (200 x 5.4099 +
      // 10 x ln 400) / 210, within sd √(Σ(ln h - m)² / 209) over the 210 calls.
      const m = (100 * Math.log(100) + 100 * Math.log(500) + 10 * Math.log(400)) / 210;
      const sd = Math.sqrt(
        (100 * (Math.log(100) - m) ** 2 + 100 * (Math.log(500) - m) ** 2 + 10 * (Math.log(400) - m) ** 2) / 209,
      );
      // Baseline residuals: ln 100/2 + ln 500/2 - m (x 20, the median), ln 400 - m: MAD 0,
      // mean deviation x 1.2533 below sd / √10. z = (ln 600 - m - (day 1-20 residual)) / (sd / √10) = 3.92.
      const usual = (Math.log(100) + Math.log(500)) / 2 - m;
      expect(rows.map((r) => [r.day, r.metric])).toEqual([[dayNumber(22), 'aht']]);
      expect(rows[0]!.score).toBeCloseTo((Math.log(600) - m - usual) / (sd / Math.sqrt(10)), 9);
      expect(rows[0]!.score).toBeCloseTo(3.92, 2);
    }, 'Asia/Shanghai');
  });

  it('judges a day without a sale by its exact binomial tail, not the normal approximation', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      // 20 days of 9 sales in 50 (MAD 0), then a day of 0 sales in 30.
      await agentDays(
        db,
        'A1',
        20,
        () => 0.18,
        () => 300,
      );
      await insertRows(db, 'agent_daily', [
        {
          agent_id: 'A1',
          day: dayNumber(21),
          calls: 30,
          answered: 30,
          answered_outbound: 30,
          talk_calls: 0,
          surveys: 0,
          conversion_rate: 0,
          aht_s: 300,
        },
      ]);
      await insertRows(
        db,
        'calls',
        spanDays(dayNumber(1), dayNumber(21)).map((c) => ({ ...c, call_id: `B-${c.call_id}` })),
      );
      // Arcsine robust z: (t(0, 30) - t(9, 50)) x 2 √30 = -3.65, beyond -3.5. But with the
      // pooled share p = (180 + 0.5) / (1000 + 1) = 0.1803, P(0 of 30) = (1 - p)^30 = 0.0026;
      // mid-p 0.0013 is a z of -3.0: not flagged.
      expect((t(0, 30) - t(9, 50)) * 2 * Math.sqrt(30)).toBeLessThan(-3.5);
      expect(await runRule(db, 'metric_shift', { settings: { metrics: ['conversion'] } })).toEqual([]);
    }, 'Asia/Shanghai');
  });
});
