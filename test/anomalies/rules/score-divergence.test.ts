import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import type { Database } from '../../../src/db/database.ts';
import { createFactTables } from '../fact-tables.ts';
import { runRule, spanDays } from '../helpers.ts';

/** Six agents, one call with five surveys and one audit each on 2026-11-20; A6's audit score is given. */
async function agents(db: Database, a6Audit: number) {
  await createFactTables(db);
  await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
  // Mean CSAT rises A1 -> A6 (3.0, 3.4, 3.8, 4.4, 4.6, 5.0) and so do audit scores, except A6's.
  const scores: Array<[string, number[], number]> = [
    ['A1', [3, 3, 3, 3, 3], 60],
    ['A2', [3, 3, 3, 4, 4], 70],
    ['A3', [4, 4, 4, 4, 3], 75],
    ['A4', [4, 4, 4, 5, 5], 80],
    ['A5', [5, 5, 4, 4, 5], 85],
    ['A6', [5, 5, 5, 5, 5], a6Audit],
  ];
  await insertRows(
    db,
    'agents',
    scores.map(([agent]) => ({ agent_id: agent, team: 'T1' })),
  );
  await insertRows(
    db,
    'call_facts',
    scores.map(([agent]) => ({ call_id: `C-${agent}`, day: '2026-11-20', agent_id: agent, answered: true })),
  );
  await insertRows(
    db,
    'surveys',
    scores.flatMap(([agent, csats]) =>
      csats.map((csat, i) => ({ survey_id: `S-${agent}-${i}`, call_id: `C-${agent}`, csat })),
    ),
  );
  await insertRows(
    db,
    'audit_scores',
    scores.map(([agent, , audit]) => ({
      audit_id: `U-${agent}`,
      agent_id: agent,
      auditor_id: 'Q1',
      day: '2026-11-20',
      audit_score: audit,
    })),
  );
}

const settings = { min_surveys: 1, min_audits: 1 };

describe('score_divergence', () => {
  it('flags the agent with top CSAT and bottom audit scores', async () => {
    await withDb(async (db) => {
      await agents(db, 50);
      const rows = await runRule(db, 'score_divergence', { settings });
      // A6: CSAT percent rank 5/5 = 1, audit rank 0/5 = 0: gap 1. Everyone else, k-th from
      // the bottom (A1 = 0): CSAT rank k/5, audit rank (k+1)/5: gap -0.2.
      expect(rows.map((r) => [r.entity_id, r.day, r.value, r.severity, r.evidence])).toEqual([
        ['A6', '2026-11-20', 1, 'high', ['S-A6-0', 'S-A6-1', 'S-A6-2', 'S-A6-3', 'S-A6-4', 'U-A6']],
      ]);
      expect(rows[0]!.explanation).toBe(
        'Over the 90 days to 2026-11-20, agent A6 is 1st of 6 agents in T1 on CSAT (5.00, 5 surveys) but 6th on audit score (50.0, 1 audits).',
      );
    }, 'Asia/Shanghai');
  });

  it('does not flag a rank gap below 0.6', async () => {
    await withDb(async (db) => {
      // A6's 77 sits between 75 and 80: audit rank 3/5 = 0.6, gap 1 - 0.6 = 0.4.
      await agents(db, 77);
      expect(await runRule(db, 'score_divergence', { settings })).toEqual([]);
    }, 'Asia/Shanghai');
  });

  it('ranks within the team: a team customers like more but auditors score lower is not flagged', async () => {
    await withDb(async (db) => {
      await agents(db, 77);
      // Team T2: five agents whose mean CSAT (4.0, 4.25, 4.5, 4.75, 5.0) rises with their
      // audits (60-64), all of them below T1's audits. Against the whole centre B4 and B5
      // would rank near the top on CSAT and at the bottom on audits; within T2 the gap is 0.
      const t2 = ['B1', 'B2', 'B3', 'B4', 'B5'];
      await insertRows(
        db,
        'agents',
        t2.map((agent) => ({ agent_id: agent, team: 'T2' })),
      );
      await insertRows(
        db,
        'call_facts',
        t2.map((agent) => ({ call_id: `C-${agent}`, day: '2026-11-20', agent_id: agent, answered: true })),
      );
      await insertRows(
        db,
        'surveys',
        t2.flatMap((agent, k) =>
          [0, 1, 2, 3].map((i) => ({ survey_id: `S-${agent}-${i}`, call_id: `C-${agent}`, csat: i < 4 - k ? 4 : 5 })),
        ),
      );
      await insertRows(
        db,
        'audit_scores',
        t2.map((agent, i) => ({
          audit_id: `U-${agent}`,
          agent_id: agent,
          auditor_id: 'Q1',
          day: '2026-11-20',
          audit_score: 60 + i,
        })),
      );
      expect(await runRule(db, 'score_divergence', { settings })).toEqual([]);
    }, 'Asia/Shanghai');
  });
});
