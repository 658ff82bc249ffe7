/**
 * The trainer ranking (agent_window, docs/metrics.md#trainer-ranking): raw, shrunk and n side by side; ranks on the
 * shrunk values, so an agent with 3 calls and 0 sales ranks above one with 300 calls and
 * 3 sales; the low-scoring list with its reasons and weak audit sections; the window's audit
 * section figures (agent_window_sections).
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { withDb } from '../util/with-db.ts';
import { compute, insertValues, row, rows } from './metrics-fixture.ts';

/** `answered` connected outbound calls of an agent on 2026-11-20, the first `sales` of them sales. */
async function outboundCalls(db: Database, agent: string, answered: number, sales: number): Promise<void> {
  await db.exec(
    `insert into calls by name
     select
       $1 || '-' || i as call_id,
       'outbound' as direction,
       $1 as agent_id,
       timestamptz '2026-11-20 09:00:00' + to_seconds(i * 60) as started_at,
       timestamptz '2026-11-20 09:00:05' + to_seconds(i * 60) as answered_at,
       timestamptz '2026-11-20 09:00:35' + to_seconds(i * 60) as ended_at,
       case when i < $3 then 'sale' else 'not_interested' end as disposition,
       0 as load_id,
       0 as source_line
     from range($2) as calls(i)`,
    [agent, answered, sales],
  );
}

/**
 * Team T on 2026-11-20: small 3 calls / 0 sales, big 300 / 3, c 300 / 30, d 300 / 15; an
 * audit form of two equal sections (opening, closing: 10 points each) and the audits given
 * as (audit_id, form_id, agent_id, auditor_id, audited_at, item_id, points) tuples.
 */
async function teamOfFour(db: Database, audits: string): Promise<void> {
  await insertValues(db, 'agents', 'agent_id, team', `('small', 'T'), ('big', 'T'), ('c', 'T'), ('d', 'T')`);
  await outboundCalls(db, 'small', 3, 0);
  await outboundCalls(db, 'big', 300, 3);
  await outboundCalls(db, 'c', 300, 30);
  await outboundCalls(db, 'd', 300, 15);
  await insertValues(
    db,
    'audit_items',
    'form_id, item_id, section, weight, max_points, critical',
    `('f', 'o', 'opening', 1, 10, false), ('f', 'c', 'closing', 1, 10, false)`,
  );
  await insertValues(db, 'audits', 'audit_id, form_id, agent_id, auditor_id, audited_at, item_id, points', audits);
}

describe('agent_window conversion shrinkage', () => {
  it('ranks 3 calls / 0 sales above 300 calls / 3 sales, reporting raw and shrunk', async () => {
    await withDb(async (db) => {
      // One audit for d: opening 10/10, closing 0/10, equal weights → 100 × (1 + 0) ÷ 2 = 50.
      await teamOfFour(
        db,
        `('au', 'f', 'd', 'r1', '2026-11-20 12:00:00', 'o', 10), ('au', 'f', 'd', 'r1', '2026-11-20 12:00:00', 'c', 0)`,
      );
      await compute(db);

      // Team T prior, method of moments over (sales x, answered n):
      //   small (0, 3), big (3, 300), c (30, 300), d (15, 300): k = 4, N = 903, X = 48
      //   mu = 48 ÷ 903 = 0.0531561
      //   Σ n(p − mu)² = Σ x²/n − X²/N = (0 + 0.03 + 3 + 0.75) − 2304 ÷ 903 = 3.78 − 2.5514950 = 1.2285050
      //   k·mu(1 − mu) = 4 × 0.0531561 × 0.9468439 = 0.2013223
      //   tau2 = (1.2285050 − 0.2013223) ÷ (903 − 4) = 0.00114258
      //   M = mu(1 − mu) ÷ tau2 − 1 = 0.0503306 ÷ 0.00114258 − 1 = 43.04979; mu·M = 2.2883609
      // shrunk = (x + 2.2883609) ÷ (n + 43.04979):
      //   small (0 + 2.2883609) ÷ 46.04979 = 0.0496932      big (3 + 2.2883609) ÷ 343.04979 = 0.0154157
      //   c (30 + 2.2883609) ÷ 343.04979 = 0.0941215       d (15 + 2.2883609) ÷ 343.04979 = 0.0503961
      const ranking = await rows(
        db,
        `select agent_id, conversion_raw, conversion_shrunk, conversion_n, conversion_rank
        from agent_window order by conversion_rank`,
      );
      expect(ranking.map((r) => [r.agent_id, r.conversion_raw, r.conversion_n, r.conversion_rank])).toEqual([
        ['c', 0.1, 300, 1],
        ['d', 0.05, 300, 2],
        ['small', 0, 3, 3],
        ['big', 0.01, 300, 4],
      ]);
      const shrunk = Object.fromEntries(ranking.map((r) => [r.agent_id, r.conversion_shrunk as number]));
      expect(shrunk.c).toBeCloseTo(0.0941215, 6);
      expect(shrunk.d).toBeCloseTo(0.0503961, 6);
      expect(shrunk.small).toBeCloseTo(0.0496932, 6);
      expect(shrunk.big).toBeCloseTo(0.0154157, 6);

      // Wilson interval on the raw 0 of 3: lo = 0; hi = (z²/3) ÷ (1 + z²/3) = 1.2804863 ÷ 2.2804863 = 0.561497
      const small = await row(db, "select conversion_lo, conversion_hi from agent_window where agent_id = 'small'");
      expect(small.conversion_lo).toBeCloseTo(0, 10);
      expect(small.conversion_hi).toBeCloseTo(0.561497, 5);
    });
  });

  it('composes ranks and lists low scorers with reasons and weak sections', async () => {
    await withDb(async (db) => {
      // d: opening 10/10, closing 0/10 → 100 × (1 + 0) ÷ 2 = 50; c: both 10/10 → 100.
      await teamOfFour(
        db,
        `('au-d', 'f', 'd', 'r1', '2026-11-20 12:00:00', 'o', 10), ('au-d', 'f', 'd', 'r1', '2026-11-20 12:00:00', 'c', 0),
        ('au-c', 'f', 'c', 'r1', '2026-11-20 13:00:00', 'o', 10), ('au-c', 'f', 'c', 'r1', '2026-11-20 13:00:00', 'c', 10)`,
      );
      await compute(db);
      // Percentile scores (1 − percent_rank, best first):
      //   conversion (shrunk, see above): c 1, d 2/3, small 1/3, big 0
      //   complaints per 1000: nobody has one; mu = 0 gives tau2 = 0, all shrunk to 0: all 1
      //   audit score: one audit each for c and d (N = k: no within-agent variance, no usable
      //     prior, shrunk = raw): c 100 → 1, d 50 → 0
      // composite = mean of the agent's scores: c (1 + 1 + 1) ÷ 3 = 1; small (1/3 + 1) ÷ 2 = 2/3;
      //   d (2/3 + 1 + 0) ÷ 3 = 5/9; big (0 + 1) ÷ 2 = 1/2
      // low scorers: the bottom quarter of the composite (percent_rank ≤ 0.25): big (0);
      //   d is at 1/3. big's reason: conversion in the bottom quarter.
      // weak sections: d's closing 0 is below the target 80 and below the centre's closing
      //   mean (0 + 100) ÷ 2 = 50; d's opening 100 is not.
      expect(
        await rows(
          db,
          `select agent_id, composite_rank, low_scoring, reasons, weak_sections, audit_score_raw,
          audit_score_shrunk, audit_score_n, complaints_per_1000_raw, complaints_per_1000_shrunk, complaints_per_1000_n
          from agent_window order by composite_rank`,
        ),
      ).toEqual([
        {
          agent_id: 'c',
          composite_rank: 1,
          low_scoring: false,
          reasons: null,
          weak_sections: [],
          audit_score_raw: 100,
          audit_score_shrunk: 100,
          audit_score_n: 1,
          complaints_per_1000_raw: 0,
          complaints_per_1000_shrunk: 0,
          complaints_per_1000_n: 300,
        },
        {
          agent_id: 'small',
          composite_rank: 2,
          low_scoring: false,
          reasons: null,
          weak_sections: [],
          audit_score_raw: null,
          audit_score_shrunk: null,
          audit_score_n: 0,
          complaints_per_1000_raw: 0,
          complaints_per_1000_shrunk: 0,
          complaints_per_1000_n: 3,
        },
        {
          agent_id: 'd',
          composite_rank: 3,
          low_scoring: false,
          reasons: null,
          weak_sections: ['closing'],
          audit_score_raw: 50,
          audit_score_shrunk: 50,
          audit_score_n: 1,
          complaints_per_1000_raw: 0,
          complaints_per_1000_shrunk: 0,
          complaints_per_1000_n: 300,
        },
        {
          agent_id: 'big',
          composite_rank: 4,
          low_scoring: true,
          reasons: ['conversion'],
          weak_sections: [],
          audit_score_raw: null,
          audit_score_shrunk: null,
          audit_score_n: 0,
          complaints_per_1000_raw: 0,
          complaints_per_1000_shrunk: 0,
          complaints_per_1000_n: 300,
        },
      ]);
      const composite = await rows(db, 'select composite_score from agent_window order by composite_rank');
      expect(composite.map((r) => r.composite_score as number)).toEqual([
        1,
        expect.closeTo(2 / 3, 10),
        expect.closeTo(5 / 9, 10),
        0.5,
      ]);
    });
  });
});

describe('agent_window_sections', () => {
  it("holds each agent's window section figures, ranked or not, within agent_window's bounds", async () => {
    await withDb(async (db) => {
      // Section score = 10 × points (one item of 10 points per section). On 2026-11-20 (window
      // 2026-10-24 .. 2026-11-20, window_days 28): d's closing 0 and 6 → 0 and 60, opening 100
      // twice; c's closing 100, opening 80; x (missing from agents) closing 20. d's audit of
      // 2026-10-20 (closing 100) is before the window.
      const audit = (id: string, agent: string, at: string, opening: number, closing: number) =>
        `('${id}', 'f', '${agent}', 'r1', '${at}', 'o', ${opening}), ('${id}', 'f', '${agent}', 'r1', '${at}', 'c', ${closing})`;
      await teamOfFour(
        db,
        [
          audit('d-old', 'd', '2026-10-20 12:00:00', 10, 10),
          audit('d-1', 'd', '2026-11-19 12:00:00', 10, 0),
          audit('d-2', 'd', '2026-11-20 12:00:00', 10, 6),
          audit('c-1', 'c', '2026-11-20 13:00:00', 8, 10),
          audit('x-1', 'x', '2026-11-20 14:00:00', 10, 2),
        ].join(', '),
      );
      await compute(db);
      // d closing: mean (0 + 60) ÷ 2 = 30, sum 60, squares 0 + 3600; centre closing over the four
      //   window audits (0 + 60 + 100 + 20) ÷ 4 = 45; centre opening (100 + 100 + 80 + 100) ÷ 4 = 95.
      expect(
        await rows(
          db,
          `select agent_id, section, window_start::varchar as window_start, window_score, audits, score_sum, score_sumsq,
          centre_score
          from agent_window_sections where day = '2026-11-20' order by agent_id, section`,
        ),
      ).toEqual([
        sectionRow('c', 'closing', 100, 1, 100, 10000, 45),
        sectionRow('c', 'opening', 80, 1, 80, 6400, 95),
        sectionRow('d', 'closing', 30, 2, 60, 3600, 45),
        sectionRow('d', 'opening', 100, 2, 200, 20000, 95),
        sectionRow('x', 'closing', 20, 1, 20, 400, 45),
        sectionRow('x', 'opening', 100, 1, 100, 10000, 95),
      ]);
      // The bounds are agent_window's.
      expect(
        await rows(
          db,
          `select distinct sections.window_start = ranking.window_start as same
          from agent_window_sections as sections join agent_window as ranking using (day, agent_id)`,
        ),
      ).toEqual([{ same: true }]);
    });
  });
});

/** An expected agent_window_sections row of 2026-11-20. */
function sectionRow(
  agent_id: string,
  section: string,
  window_score: number,
  audits: number,
  score_sum: number,
  score_sumsq: number,
  centre_score: number,
) {
  return {
    agent_id,
    section,
    window_start: '2026-10-24',
    window_score,
    audits,
    score_sum,
    score_sumsq,
    centre_score,
  };
}

describe('agent_window mean shrinkage', () => {
  it('shrinks CSAT means toward the team (normal-normal) and measures talk ratio against the band', async () => {
    await withDb(async (db) => {
      await insertValues(db, 'agents', 'agent_id, team', `('p', 'in'), ('q', 'in'), ('r', 'in')`);
      await insertValues(
        db,
        'calls',
        'call_id, direction, agent_id, started_at, answered_at, ended_at',
        `
        ('p1', 'inbound', 'p', '2026-11-20 09:00:00', '2026-11-20 09:00:05', '2026-11-20 09:01:05'),
        ('p2', 'inbound', 'p', '2026-11-20 09:10:00', '2026-11-20 09:10:05', '2026-11-20 09:11:05'),
        ('q1', 'inbound', 'q', '2026-11-20 09:00:00', '2026-11-20 09:00:05', '2026-11-20 09:01:05'),
        ('q2', 'inbound', 'q', '2026-11-20 09:10:00', '2026-11-20 09:10:05', '2026-11-20 09:11:05'),
        ('q3', 'inbound', 'q', '2026-11-20 09:20:00', '2026-11-20 09:20:05', '2026-11-20 09:21:05'),
        ('q4', 'inbound', 'q', '2026-11-20 09:30:00', '2026-11-20 09:30:05', '2026-11-20 09:31:05'),
        ('r1', 'inbound', 'r', '2026-11-20 09:00:00', '2026-11-20 09:00:05', '2026-11-20 09:01:05'),
        ('r2', 'inbound', 'r', '2026-11-20 09:10:00', '2026-11-20 09:10:05', '2026-11-20 09:11:05'),
        ('r3', 'inbound', 'r', '2026-11-20 09:20:00', '2026-11-20 09:20:05', '2026-11-20 09:21:05'),
        ('r4', 'inbound', 'r', '2026-11-20 09:30:00', '2026-11-20 09:30:05', '2026-11-20 09:31:05')`,
      );
      await insertValues(
        db,
        'surveys',
        'survey_id, call_id, csat',
        `
        ('s-p1', 'p1', 5), ('s-p2', 'p2', 3),
        ('s-q1', 'q1', 4), ('s-q2', 'q2', 4), ('s-q3', 'q3', 2), ('s-q4', 'q4', 2),
        ('s-r1', 'r1', 5), ('s-r2', 'r2', 5), ('s-r3', 'r3', 4), ('s-r4', 'r4', 4)`,
      );
      // r talks 6 s of 10 s on one call: ratio 0.6, 0.15 above the band's top 0.45.
      await insertValues(
        db,
        'segments',
        'call_id, speaker, start_ms, end_ms',
        `
        ('r1', 'agent', 0, 6000), ('r1', 'customer', 6000, 10000)`,
      );
      await compute(db);
      // p: 5, 3 (mean 4, SS 2); q: 4, 4, 2, 2 (mean 3, SS 4); r: 5, 5, 4, 4 (mean 4.5, SS 1)
      //   N = 10, k = 3, mu = (8 + 12 + 18) ÷ 10 = 3.8
      //   sigma2 = (2 + 4 + 1) ÷ (10 − 3) = 1
      //   SSB = 64/2 + 144/4 + 324/4 − 38²/10 = 32 + 36 + 81 − 144.4 = 4.6; ÷ (k − 1) = 2.3
      //   n0 = (10 − (4 + 16 + 16) ÷ 10) ÷ 2 = 3.2; tau2 = (2.3 − 1) ÷ 3.2 = 0.40625
      //   p: B = 0.40625 ÷ (0.40625 + 1/2) = 0.448276 → 3.8 + 0.448276 × 0.2 = 3.889655
      //   q: B = 0.40625 ÷ (0.40625 + 1/4) = 0.619048 → 3.8 − 0.619048 × 0.8 = 3.304762
      //   r: B = 0.619048 → 3.8 + 0.619048 × 0.7 = 4.233333
      const csat = await rows(
        db,
        `select agent_id, csat_mean_raw, csat_mean_shrunk, csat_mean_n, csat_rank, low_scoring, reasons
        from agent_window order by agent_id`,
      );
      expect(csat.map((r) => [r.agent_id, r.csat_mean_raw, r.csat_mean_n, r.csat_rank])).toEqual([
        ['p', 4, 2, 2],
        ['q', 3, 4, 3],
        ['r', 4.5, 4, 1],
      ]);
      expect(csat[0]!.csat_mean_shrunk).toBeCloseTo(3.889655, 5);
      expect(csat[1]!.csat_mean_shrunk).toBeCloseTo(3.304762, 5);
      expect(csat[2]!.csat_mean_shrunk).toBeCloseTo(4.233333, 5);
      // Composite: p (csat 0.5 + complaints 1) ÷ 2 = 0.75, q (0 + 1) ÷ 2 = 0.5,
      // r (1 + 1 + talk 1) ÷ 3 = 1: q alone in the bottom quarter, with CSAT last of the
      // centre and 3.30 below the target 4.2. (p is below the target too, but not a low scorer.)
      expect(csat.map((r) => [r.agent_id, r.low_scoring, r.reasons])).toEqual([
        ['p', false, null],
        ['q', true, ['csat_mean']],
        ['r', false, null],
      ]);
      // Only r has a talk ratio: no usable prior, shrunk = raw.
      const talk = await row(
        db,
        `select talk_ratio_raw, talk_ratio_shrunk, talk_distance_raw, talk_distance_shrunk, talk_n
        from agent_window where agent_id = 'r'`,
      );
      expect(talk.talk_ratio_raw).toBeCloseTo(0.6, 12);
      expect(talk.talk_ratio_shrunk).toBeCloseTo(0.6, 12);
      expect(talk.talk_distance_raw).toBeCloseTo(0.15, 12);
      expect(talk.talk_distance_shrunk).toBeCloseTo(0.15, 12);
      expect(talk.talk_n).toBe(1);
    });
  });
});
