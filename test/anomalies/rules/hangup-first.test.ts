import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows, type FixtureRow } from '../../util/insert-rows.ts';
import type { Database } from '../../../src/db/database.ts';
import { createFactTables } from '../fact-tables.ts';
import { runRule, spanDays } from '../helpers.ts';

/** 40 answered calls of `agent` on 2026-11-20, the agent hanging up first on `hangups` of them. */
function answeredCalls(agent: string, hangups: number): FixtureRow[] {
  return Array.from({ length: 40 }, (_, i) => ({
    call_id: `${agent}-${String(i).padStart(2, '0')}`,
    day: '2026-11-20',
    started_at: `2026-11-20 10:${String(i).padStart(2, '0')}:00`,
    agent_id: agent,
    direction: 'inbound',
    answered: true,
    disconnect_party: i < hangups ? 'agent' : 'customer',
    agent_hung_up: i < hangups,
  }));
}

/**
 * A1-A5 hang up first on 2, 3, 2, 3, 2 of 40 calls; A6 on `a6Hangups`: the calls, and the
 * day's counts agent_daily holds for them (the rule's rates come from those, its evidence
 * from the calls).
 */
async function centre(db: Database, a6Hangups: number) {
  await createFactTables(db);
  await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
  const hangups: Array<[string, number]> = [
    ['A1', 2],
    ['A2', 3],
    ['A3', 2],
    ['A4', 3],
    ['A5', 2],
    ['A6', a6Hangups],
  ];
  await insertRows(
    db,
    'call_facts',
    hangups.flatMap(([agent, n]) => answeredCalls(agent, n)),
  );
  await insertRows(
    db,
    'agent_daily',
    hangups.map(([agent, n]) => ({ agent_id: agent, day: '2026-11-20', calls: 40, answered: 40, agent_hangups: n })),
  );
}

describe('hangup_first', () => {
  it('flags an agent hanging up first far more often than peers', async () => {
    await withDb(async (db) => {
      await centre(db, 8);
      const rows = await runRule(db, 'hangup_first');
      expect(rows.map((r) => [r.entity_id, r.day, r.value])).toEqual([['A6', '2026-11-20', 0.2]]);
      // Peers: 0.05, 0.075, 0.05, 0.075, 0.05 -> median 0.05, MAD 0, fallback 1.2533 x 0.01;
      // floor sqrt(0.05 x 0.95 / 40) = 0.03446: z = 0.15 / 0.03446 = 4.35.
      expect(rows[0]!.score).toBeCloseTo(0.15 / Math.sqrt((0.05 * 0.95) / 40), 6);
      expect(rows[0]!.evidence).toEqual(['A6-00', 'A6-01', 'A6-02', 'A6-03', 'A6-04', 'A6-05', 'A6-06', 'A6-07']);
      expect(rows[0]!.explanation).toBe(
        "Agent A6 hung up first on 8 of 40 answered calls (20.0%) in the 28 days to 2026-11-20; their 5 peers' median is 5.0%; robust z = 4.4.",
      );
    }, 'Asia/Shanghai');
  });

  it('shows the 20 latest hung-up calls, those that started together by call id', async () => {
    await withDb(async (db) => {
      await centre(db, 25);
      // A6's 25 hung-up calls all started at 10:00, written last id first: the 20 shown are
      // A6-00..A6-19 on every run, not any 20 of the 25.
      await db.exec(`update call_facts set started_at = '2026-11-20 10:00:00' where agent_id = 'A6' and agent_hung_up`);
      await db.exec(`create or replace table call_facts as select * from call_facts order by call_id desc`);
      const rows = await runRule(db, 'hangup_first');
      expect(rows.map((r) => r.entity_id)).toEqual(['A6']);
      expect(rows[0]!.evidence).toEqual(Array.from({ length: 20 }, (_, i) => `A6-${String(i).padStart(2, '0')}`));
    }, 'Asia/Shanghai');
  });

  it('does not flag a smaller excess, nor an agent hanging up less than peers', async () => {
    await withDb(async (db) => {
      await centre(db, 6); // 0.15: z = 0.10 / 0.03446 = 2.90
      expect(await runRule(db, 'hangup_first')).toEqual([]);
    }, 'Asia/Shanghai');
    await withDb(async (db) => {
      await centre(db, 0); // one-sided: far below is fine
      expect(await runRule(db, 'hangup_first')).toEqual([]);
    }, 'Asia/Shanghai');
  });
});
