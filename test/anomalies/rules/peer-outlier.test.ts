import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows, type FixtureRow } from '../../util/insert-rows.ts';
import type { Database } from '../../../src/db/database.ts';
import { createFactTables } from '../fact-tables.ts';
import { runRule, spanDays } from '../helpers.ts';

/** 20 answered outbound calls of `agent` on 2026-11-20, the first `sales` of them sales. */
function outboundCalls(agent: string, sales: number): FixtureRow[] {
  return Array.from({ length: 20 }, (_, i) => ({
    call_id: `${agent}-${String(i).padStart(2, '0')}`,
    day: '2026-11-20',
    agent_id: agent,
    direction: 'outbound',
    answered: true,
    sale: i < sales,
    handle_s: 200,
  }));
}

/** Six agents of team T1: A1-A5 convert 2, 3, 2, 3, 2 of 20; A6 converts `a6Sales` of 20. */
async function team(db: Database, a6Sales: number) {
  await createFactTables(db);
  await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
  const sales: Array<[string, number]> = [
    ['A1', 2],
    ['A2', 3],
    ['A3', 2],
    ['A4', 3],
    ['A5', 2],
    ['A6', a6Sales],
  ];
  await insertRows(
    db,
    'agents',
    sales.map(([agent]) => ({ agent_id: agent, team: 'T1' })),
  );
  await insertRows(
    db,
    'call_facts',
    sales.flatMap(([agent, n]) => outboundCalls(agent, n)),
  );
}

const settings = { metrics: ['conversion'], min_calls: 10 };

describe('peer_outlier', () => {
  it('flags an agent converting far above their teammates over the window', async () => {
    await withDb(async (db) => {
      await team(db, 12);
      const rows = await runRule(db, 'peer_outlier', { settings });
      expect(rows.map((r) => [r.entity_id, r.day, r.metric, r.value])).toEqual([
        ['A6', '2026-11-20', 'conversion', 0.6],
      ]);
      // Peers A1-A5: 0.10, 0.15, 0.10, 0.15, 0.10 -> median 0.10; A6's residual 0.50.
      // Scale: the others' residuals from their own peers' medians: A1, A3, A5 0.10 - 0.15,
      // A2, A4 0.15 - 0.10 -> -0.05 x 3, +0.05 x 2: median -0.05, MAD 0; mean deviation
      // 0.2 / 5 = 0.04, x 1.2533 = 0.050; the floor, the larger of the binomial sd
      // sqrt(0.10 x 0.90 / 20) = 0.0671 and a quarter of the median 0.025, wins.
      // z = 0.50 / 0.0671 = 7.45.
      const z = 0.5 / Math.sqrt(0.09 / 20);
      expect(rows[0]!.baseline).toBeCloseTo(0.1, 9);
      expect(rows[0]!.score).toBeCloseTo(z, 6);
      expect(rows[0]!.severity).toBe('high');
      expect(rows[0]!.evidence).toHaveLength(12); // the sales
      expect(rows[0]!.explanation).toBe(
        "Agent A6's conversion over the 28 days to 2026-11-20 was 60.0% (n = 20) against 10.0% for their teammates in T1 (median of 5 agents); robust z = 7.5.",
      );
    }, 'Asia/Shanghai');
  });

  it('does not flag a smaller gap (near miss) or a centre of one agent', async () => {
    await withDb(async (db) => {
      // A6 at 0.30: z = 0.20 / 0.0671 = 2.98 < 3.5.
      await team(db, 6);
      expect(await runRule(db, 'peer_outlier', { settings })).toEqual([]);
    }, 'Asia/Shanghai');
    await withDb(async (db) => {
      await createFactTables(db);
      await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
      await insertRows(db, 'call_facts', outboundCalls('SOLO', 19));
      expect(await runRule(db, 'peer_outlier', { settings })).toEqual([]);
    }, 'Asia/Shanghai');
  });

  it('compares with everyone on the same work when the team is small, never inbound with outbound', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
      // Two teams of three outbound agents (2 teammates each < min_peers 5), and one inbound
      // agent whose calls take three times as long (600 s) as everyone's (200 s).
      const sales: Array<[string, string, number]> = [
        ['A1', 'T1', 2],
        ['A2', 'T1', 3],
        ['A3', 'T1', 2],
        ['A4', 'T2', 3],
        ['A5', 'T2', 2],
        ['A6', 'T2', 12],
      ];
      await insertRows(db, 'agents', [
        ...sales.map(([agent, team]) => ({ agent_id: agent, team })),
        { agent_id: 'B1', team: 'T3' },
      ]);
      await insertRows(db, 'call_facts', [
        ...sales.flatMap(([agent, , n]) => outboundCalls(agent, n)),
        ...outboundCalls('B1', 0).map((c) => ({
          ...c,
          call_id: `B1-${c.call_id}`,
          direction: 'inbound',
          sale: false,
          handle_s: 600,
        })),
      ]);
      const rows = await runRule(db, 'peer_outlier', { settings: { metrics: ['conversion', 'aht'], min_calls: 10 } });
      // A6 against A1-A5: the same arithmetic as above (z = 7.45); B1 has no inbound peers.
      expect(rows.map((r) => [r.entity_id, r.metric])).toEqual([['A6', 'conversion']]);
      expect(rows[0]!.explanation).toContain(
        'against 10.0% for the other agents on outbound calls (median of 5 agents)',
      );
    }, 'Asia/Shanghai');
  });

  it('treats handle times within 10% of the peers as ordinary, however alike the peers are', async () => {
    for (const [a6Handle, flagged] of [
      [130, false],
      [145, true],
    ] as const) {
      await withDb(async (db) => {
        await createFactTables(db);
        await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
        const handles: Array<[string, number]> = [
          ['A1', 100],
          ['A2', 101],
          ['A3', 100],
          ['A4', 101],
          ['A5', 100],
          ['A6', a6Handle],
        ];
        await insertRows(
          db,
          'agents',
          handles.map(([agent]) => ({ agent_id: agent, team: 'T1' })),
        );
        await insertRows(
          db,
          'call_facts',
          handles.flatMap(([agent, h]) => outboundCalls(agent, 2).map((c) => ({ ...c, handle_s: h }))),
        );
        const rows = await runRule(db, 'peer_outlier', { settings: { metrics: ['aht'], min_calls: 10 } });
        // Peers' median 100 (or 100.5 for A1-A5 themselves); their residuals are within ±1 s,
        // far finer than the floor of 10% of the median, 10 s. A6 at 130: z = 30 / 10 = 3.0;
        // at 145: z = 45 / 10 = 4.5.
        expect(rows.map((r) => r.entity_id)).toEqual(flagged ? ['A6'] : []);
        if (flagged) expect(rows[0]!.score).toBeCloseTo(4.5, 9);
      }, 'Asia/Shanghai');
    }
  });

  it('gives as evidence the longest calls, calls of equal length by call id', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
      const agents = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'];
      await insertRows(
        db,
        'agents',
        agents.map((agent) => ({ agent_id: agent, team: 'T1' })),
      );
      // A1-A5: 20 calls of 100 s. A6: 25 calls of 200 s, written last id first, so only the
      // call id decides which 20 of the equally long calls are shown: A6-c00 to A6-c19.
      const a6 = Array.from({ length: 25 }, (_, i) => ({
        ...outboundCalls('A6', 0)[0]!,
        call_id: `A6-c${String(24 - i).padStart(2, '0')}`,
      }));
      await insertRows(db, 'call_facts', [
        ...agents.slice(0, 5).flatMap((agent) => outboundCalls(agent, 0).map((c) => ({ ...c, handle_s: 100 }))),
        ...a6,
      ]);
      const rows = await runRule(db, 'peer_outlier', { settings: { metrics: ['aht'], min_calls: 10 } });
      expect(rows.map((r) => [r.entity_id, r.value])).toEqual([['A6', 200]]);
      expect(rows[0]!.evidence).toEqual(Array.from({ length: 20 }, (_, i) => `A6-c${String(i).padStart(2, '0')}`));
    }, 'Asia/Shanghai');
  });

  it('judges the window talk ratio time-weighted, as the measure is, not as a mean of calls', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
      // A1-A5 talk 400 (or 420) of every 1000 ms: 0.40, 0.42, 0.40, 0.42, 0.40. A6 has 5
      // short calls at 100 of 1000 and 5 long ones at 9000 of 10000: a mean of its calls
      // would say 0.5, the time-weighted ratio says (500 + 45000) / (5000 + 50000) = 0.8273.
      const talk: Array<[string, Array<[number, number]>]> = [
        ['A1', [[400, 600]]],
        ['A2', [[420, 580]]],
        ['A3', [[400, 600]]],
        ['A4', [[420, 580]]],
        ['A5', [[400, 600]]],
        [
          'A6',
          [
            [100, 900],
            [9000, 1000],
          ],
        ],
      ];
      await insertRows(
        db,
        'agents',
        talk.map(([agent]) => ({ agent_id: agent, team: 'T1' })),
      );
      await insertRows(
        db,
        'call_facts',
        talk.flatMap(([agent, kinds]) =>
          outboundCalls(agent, 0)
            .slice(0, 10)
            .map((c, i) => {
              const [agentMs, customerMs] = kinds[i % kinds.length]!;
              return {
                ...c,
                agent_talk_ms: agentMs,
                customer_talk_ms: customerMs,
                talk_ratio: agentMs / (agentMs + customerMs),
              };
            }),
        ),
      );
      const rows = await runRule(db, 'peer_outlier', { settings: { metrics: ['talk_ratio'], min_calls: 10 } });
      // A6 against A1-A5's median 0.40: the others' residuals from their own peers' medians
      // are -0.02 (A1, A3, A5) and +0.02 (A2, A4), MAD 0, mean deviation 0.016 x 1.2533 =
      // 0.02005 over the floor 0.02: z = 0.4273 / 0.02005 = 21.3. A1's z is -0.02 / 0.0593.
      expect(rows.map((r) => [r.entity_id, r.metric, r.baseline])).toEqual([['A6', 'talk_ratio', 0.4]]);
      expect(rows[0]!.value).toBeCloseTo(45500 / 55000, 12);
      expect(rows[0]!.score).toBeCloseTo(0.4272727 / (0.016 * 1.2533), 4);
    }, 'Asia/Shanghai');
  });
});
