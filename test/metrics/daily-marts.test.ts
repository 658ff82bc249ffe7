/**
 * The daily marts (agent_daily, team_daily, queue_daily, center_daily) on one hand-made day:
 * service level and abandons without short abandons, conversion with its Wilson interval,
 * time-weighted talk ratio, survey measures, and null for every empty denominator.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { compute, insertValues, row } from './metrics-fixture.ts';

// Wilson 95% interval of 1 sale in 3 answered (z = 1.959964, z² = 3.841459):
//   centre = (1/3 + z²/6) ÷ (1 + z²/3) = (0.333333 + 0.640243) ÷ 2.280486 = 0.426916
//   half   = z ÷ (1 + z²/3) × √((1/3)(2/3)/3 + z²/36) = 0.859450 × √(0.074074 + 0.106707)
//          = 0.859450 × 0.425184 = 0.365424
//   lo = 0.061492, hi = 0.792340
const WILSON_1_OF_3 = { lo: 0.061492, hi: 0.79234 };

let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:', { timezone: 'UTC' });
  await ensureSchema(db);
  await insertValues(db, 'agents', 'agent_id, team', `('a1', 't1'), ('a2', 't1'), ('a3', 't2')`);
  await insertValues(
    db,
    'calls',
    'call_id, direction, agent_id, queue, started_at, answered_at, ended_at, hold_s, acw_s, disconnect_party, transferred, disposition, sale_amount',
    `
    ('d1', 'inbound', 'a2', 'q1', '2026-11-20 10:00:00', '2026-11-20 10:00:12', '2026-11-20 10:05:12', 30, 45, 'customer', false, 'resolved', null),
    ('d2', 'inbound', null, 'q1', '2026-11-20 10:10:00', null, '2026-11-20 10:10:03', 0, 0, null, false, null, null),
    ('d3', 'inbound', null, 'q1', '2026-11-20 10:20:00', null, '2026-11-20 10:20:05', 0, 0, null, false, null, null),
    ('d4', 'inbound', 'a2', 'q1', '2026-11-20 10:30:00', '2026-11-20 10:30:20', '2026-11-20 10:32:20', 0, 0, 'agent', true, 'transferred', null),
    ('d5', 'inbound', 'a2', 'q1', '2026-11-20 10:40:00', '2026-11-20 10:40:15', '2026-11-20 10:41:15', 0, 15, 'customer', false, 'resolved', null),
    ('o1', 'outbound', 'a1', null, '2026-11-20 11:00:00', '2026-11-20 11:00:10', '2026-11-20 11:03:10', 0, 0, 'customer', false, 'sale', 100),
    ('o2', 'outbound', 'a1', null, '2026-11-20 11:10:00', '2026-11-20 11:10:05', '2026-11-20 11:12:05', 0, 0, 'customer', false, 'interested', null),
    ('o3', 'outbound', 'a1', null, '2026-11-20 11:20:00', '2026-11-20 11:20:05', '2026-11-20 11:21:05', 0, 0, 'agent', false, 'not_interested', null),
    ('o4', 'outbound', 'a1', null, '2026-11-20 11:30:00', null, '2026-11-20 11:30:30', 0, 0, null, false, 'no_answer', null),
    ('o5', 'outbound', 'a3', null, '2026-11-20 12:00:00', null, '2026-11-20 12:00:30', 0, 0, null, false, 'no_answer', null)`,
  );
  // d1: agent 10 s of 40 s speech (ratio 0.25); d4: agent 30 s of 90 s (ratio 0.333).
  await insertValues(
    db,
    'segments',
    'call_id, speaker, start_ms, end_ms',
    `
    ('d1', 'agent', 0, 10000), ('d1', 'customer', 10000, 40000),
    ('d4', 'agent', 0, 30000), ('d4', 'customer', 30000, 90000)`,
  );
  await insertValues(
    db,
    'surveys',
    'survey_id, call_id, csat, nps',
    `
    ('s1', 'd1', 5, 10), ('s2', 'd4', 3, 6), ('s3', 'd5', 4, 8), ('s4', 'o1', 2, null)`,
  );
  await compute(db);
});

afterAll(() => db.close());

describe('agent_daily', () => {
  it('gives an inbound agent handling, talk and survey measures, and null outbound ratios', async () => {
    expect(await row(db, "select * exclude (day, team) from agent_daily where agent_id = 'a2'")).toEqual({
      agent_id: 'a2',
      calls: 3,
      answered: 3,
      answered_inbound: 3,
      dialled: 0,
      answered_outbound: 0,
      interested: 0,
      sales: 0,
      talk_calls: 2,
      surveys: 3,
      audits: 0,
      complaints: 0,
      // handle: d1 300 + 45, d4 120, d5 60 + 15 → (345 + 120 + 75) ÷ 3
      aht_s: 180,
      // d4 was hung up by the agent and transferred: 1 ÷ 3 each
      agent_hangups: 1,
      agent_hangup_rate: 1 / 3,
      transfer_rate: 1 / 3,
      // No outbound: every outbound ratio has an empty denominator.
      contact_rate: null,
      conversion_rate: null,
      conversion_lo: null,
      conversion_hi: null,
      calls_per_sale: null,
      revenue: 0,
      // Time-weighted: (10 000 + 30 000) ÷ (40 000 + 90 000), not the mean of 0.25 and 0.333.
      talk_ratio: 40000 / 130000,
      // 3 surveys on 3 answered calls; CSAT 5, 3, 4; top-2 = 5 and 4; NPS answers 10 (promoter),
      // 6 (detractor), 8 (passive): 100 × (1/3 − 1/3) = 0.
      response_rate: 1,
      csat_mean: 4,
      csat_top2: 2 / 3,
      nps: 0,
      audit_score: null,
    });
  });

  it('gives an outbound agent the funnel, conversion with its Wilson interval and revenue', async () => {
    const a1 = await row(db, "select * exclude (day, team, agent_id) from agent_daily where agent_id = 'a1'");
    expect(a1).toMatchObject({
      calls: 4,
      answered: 3,
      dialled: 4,
      answered_outbound: 3,
      // o1 (sale) and o2 (interested)
      interested: 2,
      sales: 1,
      // (180 + 120 + 60) ÷ 3
      aht_s: 120,
      agent_hangup_rate: 1 / 3,
      transfer_rate: 0,
      contact_rate: 3 / 4,
      conversion_rate: 1 / 3,
      calls_per_sale: 4,
      revenue: 100,
      talk_calls: 0,
      talk_ratio: null,
      // one survey (CSAT 2, no NPS answer) on 3 answered calls
      response_rate: 1 / 3,
      csat_mean: 2,
      csat_top2: 0,
      nps: null,
    });
    expect(a1.conversion_lo).toBeCloseTo(WILSON_1_OF_3.lo, 5);
    expect(a1.conversion_hi).toBeCloseTo(WILSON_1_OF_3.hi, 5);
  });

  it('gives null, not 0, for ratios over no answered calls, and 0 for a rate over dialled calls', async () => {
    expect(
      await row(
        db,
        `select calls, answered, contact_rate, conversion_rate, calls_per_sale, aht_s,
        agent_hangup_rate, transfer_rate, response_rate, csat_mean from agent_daily where agent_id = 'a3'`,
      ),
    ).toEqual({
      calls: 1,
      answered: 0,
      // 0 answered of 1 dialled
      contact_rate: 0,
      conversion_rate: null,
      calls_per_sale: null,
      aht_s: null,
      agent_hangup_rate: null,
      transfer_rate: null,
      response_rate: null,
      csat_mean: null,
    });
  });
});

describe('team_daily', () => {
  it("pools the calls of the team's agents", async () => {
    expect(
      await row(
        db,
        `select calls, answered, dialled, sales, aht_s, agent_hangup_rate, conversion_rate, talk_ratio,
        surveys, response_rate, csat_mean, csat_top2, nps from team_daily where team = 't1'`,
      ),
    ).toEqual({
      calls: 7,
      answered: 6,
      dialled: 4,
      sales: 1,
      // (345 + 120 + 75 + 180 + 120 + 60) ÷ 6 = 900 ÷ 6
      aht_s: 150,
      // d4 and o3
      agent_hangup_rate: 2 / 6,
      conversion_rate: 1 / 3,
      talk_ratio: 40000 / 130000,
      surveys: 4,
      response_rate: 4 / 6,
      // (5 + 3 + 4 + 2) ÷ 4; top-2: 5 and 4 of 4; NPS over its 3 answers
      csat_mean: 3.5,
      csat_top2: 2 / 4,
      nps: 0,
    });
  });
});

describe('queue_daily', () => {
  it('leaves short abandons out of service level, abandon rate and ASA', async () => {
    expect(
      await row(
        db,
        `select calls, inbound_calls, answered_inbound, abandoned, short_abandons, service_level,
        asa_s, abandon_rate, fcr_calls, fcr_rate from queue_daily where queue = 'q1'`,
      ),
    ).toEqual({
      calls: 5,
      inbound_calls: 5,
      answered_inbound: 3,
      // d3 waited 5 s (abandoned); d2 3 s (short abandon, out of every ratio)
      abandoned: 1,
      short_abandons: 1,
      // answered within 15 s: d1 (12 s) and d5 (15 s); d4 took 20 s → 2 ÷ (3 answered + 1 abandoned)
      service_level: 0.5,
      // mean wait of answered inbound: (12 + 20 + 15) ÷ 3
      asa_s: 47 / 3,
      abandon_rate: 1 / 4,
      // no customer known on any call: FCR unknown
      fcr_calls: 0,
      fcr_rate: null,
    });
  });
});

describe('center_daily', () => {
  it('covers every call, and complaint measures are null on a day without complaints', async () => {
    const centre = await row(
      db,
      `select calls, answered, dialled, answered_outbound, contact_rate, conversion_rate,
      conversion_lo, service_level, complaints, complaints_opened, resolution_rate, sla_rate, closed_loop_rate,
      reopen_rate, escalation_rate, median_resolve_h, p90_resolve_h, backlog from center_daily`,
    );
    expect(centre).toMatchObject({
      calls: 10,
      answered: 6,
      dialled: 5,
      answered_outbound: 3,
      contact_rate: 3 / 5,
      conversion_rate: 1 / 3,
      service_level: 0.5,
      complaints: 0,
      complaints_opened: 0,
      resolution_rate: null,
      sla_rate: null,
      closed_loop_rate: null,
      reopen_rate: null,
      escalation_rate: null,
      median_resolve_h: null,
      p90_resolve_h: null,
      backlog: 0,
    });
    expect(centre.conversion_lo).toBeCloseTo(WILSON_1_OF_3.lo, 5);
  });
});
