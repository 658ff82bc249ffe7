import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import { createFactTables } from '../fact-tables.ts';
import { runRule, spanDays } from '../helpers.ts';

const audit = (session: string, auditor: string, score: number) => ({
  audit_id: `${session}-${auditor}`,
  agent_id: 'A1',
  auditor_id: auditor,
  day: '2026-11-10',
  audit_score: score,
  calibration_id: session,
});

describe('auditor_drift', () => {
  it('flags an auditor more than 10 points off the others over 3 sessions, not one at exactly 10', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      await insertRows(db, 'calls', spanDays('2026-11-01', '2026-11-20'));
      await insertRows(db, 'audit_scores', [
        // Q3 scores 12 above the mean of Q1 and Q2 in G1 (81), G2 (72) and G3 (88).
        audit('G1', 'Q1', 80),
        audit('G1', 'Q2', 82),
        audit('G1', 'Q3', 93),
        audit('G2', 'Q1', 70),
        audit('G2', 'Q2', 74),
        audit('G2', 'Q3', 84),
        audit('G3', 'Q1', 90),
        audit('G3', 'Q2', 86),
        audit('G3', 'Q3', 100),
        // Near miss: Q7 scores exactly 10 above Q5 and Q6 in G4-G6.
        audit('G4', 'Q5', 80),
        audit('G4', 'Q6', 80),
        audit('G4', 'Q7', 90),
        audit('G5', 'Q5', 70),
        audit('G5', 'Q6', 70),
        audit('G5', 'Q7', 80),
        audit('G6', 'Q5', 60),
        audit('G6', 'Q6', 60),
        audit('G6', 'Q7', 70),
        // Near miss: Q8 is 30 above in 2 sessions only.
        audit('G7', 'Q9', 50),
        audit('G7', 'Q8', 80),
        audit('G8', 'Q9', 50),
        audit('G8', 'Q8', 80),
        // A session of one auditor calibrates nothing.
        audit('G9', 'Q1', 10),
      ]);
      const rows = await runRule(db, 'auditor_drift');
      expect(rows.map((r) => [r.entity_type, r.entity_id, r.day, r.value, r.score, r.severity])).toEqual([
        ['auditor', 'Q3', '2026-11-20', 12, 1.2, 'medium'],
      ]);
      // Q1: 80 - 87.5, 70 - 79, 90 - 93 -> mean -6.5; Q9: -30 in only 2 sessions: not flagged.
      expect(rows[0]!.evidence).toEqual(['G1-Q3', 'G2-Q3', 'G3-Q3']);
      expect(rows[0]!.explanation).toBe(
        'Auditor Q3 scored on average 12.0 points above the other auditors in 3 calibration sessions of the 90 days to 2026-11-20.',
      );
    }, 'Asia/Shanghai');
  });
});
