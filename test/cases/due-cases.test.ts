/**
 * Deadlines: a confirmation is due action_due_days (7) after the review day, a reward
 * reward_due_days (2) after; --due overrides; an actioned case owes nothing. dueCases lists
 * what is due on a day or overdue by then, longest overdue first.
 */
import { describe, expect, it } from 'vitest';
import { applyReviews } from '../../src/cases/apply-reviews.ts';
import { dueCases } from './due-cases-query.ts';
import { addFinding, caseRows, deskConfig, rebuild, withDesk } from './helpers.ts';

describe('deadlines', () => {
  it('follow the verdict and list overdue and due-today cases for a day', async () => {
    await withDesk(async (db) => {
      for (const agent of ['A1', 'A2', 'A3', 'A4'])
        await addFinding(db, 'peer_outlier', agent, '2026-11-01', { severity: agent === 'A2' ? 'high' : 'low' });
      await rebuild(db, '2026-11-01');
      const config = deskConfig();
      await applyReviews(
        db,
        config,
        [
          { line: 0, caseId: 1, verdict: 'confirmed', note: null, by: 'ana' },
          { line: 0, caseId: 2, verdict: 'reward', note: 'calm with an angry caller', by: 'bo' },
          { line: 0, caseId: 3, verdict: 'confirmed', note: null, by: 'ana', due: '2026-11-05' },
          { line: 0, caseId: 4, verdict: 'confirmed', note: null, by: 'ana' },
        ],
        '2026-11-02',
      );
      // Confirmed on the 2nd: due the 9th; reward: the 4th; case 3 given the 5th.
      expect((await caseRows(db)).map((c) => [c.case_id, c.verdict, c.due])).toEqual([
        [1, 'confirmed', '2026-11-09'],
        [2, 'reward', '2026-11-04'],
        [3, 'confirmed', '2026-11-05'],
        [4, 'confirmed', '2026-11-09'],
      ]);
      // Confirming again keeps the deadline; an action done owes nothing.
      await applyReviews(
        db,
        config,
        [
          { line: 0, caseId: 1, verdict: 'confirmed', note: 'still to do', by: 'cy' },
          { line: 0, caseId: 4, verdict: 'actioned', note: 'penalty applied', by: 'ana' },
        ],
        '2026-11-06',
      );
      expect(await dueCases(db, '2026-11-03')).toEqual([]);
      expect((await dueCases(db, '2026-11-04')).map((c) => [c.case_id, c.deadline, c.days_overdue])).toEqual([
        [2, 'due_today', 0],
      ]);
      expect(
        (await dueCases(db, '2026-11-09')).map((c) => [c.case_id, c.deadline, c.days_overdue, c.reviewed_by]),
      ).toEqual([
        [2, 'overdue', 5, 'bo'],
        [3, 'overdue', 4, 'ana'],
        [1, 'due_today', 0, 'cy'],
      ]);
    });
  });
});
