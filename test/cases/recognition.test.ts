/**
 * The recognition list: the top of the trainer ranking (agent_window's composite_rank, the
 * coaching report's order) raised as reward cases, due reward_due_days (2) after the day.
 */
import { describe, expect, it } from 'vitest';
import { insertRows } from '../util/insert-rows.ts';
import { dueCases } from './due-cases-query.ts';
import type { Database } from '../../src/db/database.ts';
import { caseRows, deskConfig, eventRows, rebuild, withDesk } from './helpers.ts';

/** The columns of agent_window the recognition list reads, one ranking per day. */
async function ranking(
  db: Database,
  day: string,
  ranks: Array<[agent: string, rank: number, score: number]>,
): Promise<void> {
  await db.exec(
    'create table if not exists agent_window (day date, agent_id varchar, composite_rank bigint, composite_score double)',
  );
  await insertRows(
    db,
    'agent_window',
    ranks.map(([agent_id, composite_rank, composite_score]) => ({ day, agent_id, composite_rank, composite_score })),
  );
}

describe('recognition cases', () => {
  it('raise the top agents (ties included) once per stay at the top, with a reward due in 2 days', async () => {
    await withDesk(async (db) => {
      const config = deskConfig({ recognition_top: 2 });
      await ranking(db, '2026-11-10', [
        ['A1', 1, 0.9],
        ['A2', 2, 0.8],
        ['A3', 2, 0.8],
        ['A4', 4, 0.5],
      ]);
      expect((await rebuild(db, '2026-11-10', config)).recognitions).toBe(3);
      await ranking(db, '2026-11-11', [
        ['A1', 1, 0.92],
        ['A2', 2, 0.8],
        ['A3', 3, 0.7],
      ]);
      await rebuild(db, '2026-11-11', config);
      // A3 is back on the 12th after a day off the list: a new reward.
      await ranking(db, '2026-11-12', [
        ['A3', 1, 0.95],
        ['A1', 2, 0.9],
      ]);
      await rebuild(db, '2026-11-12', config);
      expect(
        (await caseRows(db)).map((c) => [
          c.case_id,
          c.rule,
          c.entity_id,
          c.first_seen,
          c.last_seen,
          c.state,
          c.peak_severity_rank,
          c.peak_score,
          c.verdict,
          c.due,
        ]),
      ).toEqual([
        [1, 'recognition', 'A1', '2026-11-10', '2026-11-12', 'ongoing', 0, 0.92, 'reward', '2026-11-12'],
        [2, 'recognition', 'A2', '2026-11-10', '2026-11-11', 'cleared', 0, 0.8, 'reward', '2026-11-12'],
        [3, 'recognition', 'A3', '2026-11-10', '2026-11-10', 'cleared', 0, 0.8, 'reward', '2026-11-12'],
        [4, 'recognition', 'A3', '2026-11-12', '2026-11-12', 'new', 0, 0.95, 'reward', '2026-11-14'],
      ]);
      expect((await eventRows(db)).filter((e) => e.case_id === 4)).toEqual([
        { case_id: 4, by: 'callq', field: 'state', from: null, to: 'new', note: null },
        {
          case_id: 4,
          by: 'callq',
          field: 'verdict',
          from: null,
          to: 'reward',
          note: 'top of the trainer ranking: a recognition to give',
        },
        { case_id: 4, by: 'callq', field: 'due', from: null, to: '2026-11-14', note: null },
      ]);
      expect((await dueCases(db, '2026-11-12')).map((c) => [c.case_id, c.deadline, c.reviewed_by])).toEqual([
        [1, 'due_today', 'callq'],
        [2, 'due_today', 'callq'],
        [3, 'due_today', 'callq'],
      ]);
    });
  });

  it('raise nothing with recognition_top 0 or before a compute made agent_window', async () => {
    await withDesk(async (db) => {
      expect((await rebuild(db, '2026-11-10')).recognitions).toBe(0);
      await ranking(db, '2026-11-10', [['A1', 1, 0.9]]);
      expect((await rebuild(db, '2026-11-10', deskConfig({ recognition_top: 0 }))).recognitions).toBe(0);
      expect(await caseRows(db)).toEqual([]);
    });
  });
});
