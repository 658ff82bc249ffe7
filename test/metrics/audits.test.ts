/**
 * Audit scores (docs/metrics.md#audit-scores): weighted items, not-applicable items left out, a failed
 * critical item zeroing the audit, section scores, and auditor calibration bias.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { compute, insertValues, rows } from './metrics-fixture.ts';

describe('audit_scores and audit_section_scores', () => {
  it('weights items, leaves N/A out and zeroes an audit with a failed critical item', async () => {
    await withDb(async (db) => {
      await insertValues(
        db,
        'audit_items',
        'form_id, item_id, section, weight, max_points, critical',
        `
        ('f1', 'i1', 'opening', 1, 5, false),
        ('f1', 'i2', 'opening', 2, 10, false),
        ('f1', 'i3', 'compliance', 3, 1, true),
        ('f1', 'i4', 'closing', 4, 10, false)`,
      );
      await insertValues(
        db,
        'audits',
        'audit_id, form_id, agent_id, auditor_id, audited_at, item_id, points',
        `
        ('au1', 'f1', 'a1', 'r1', '2026-11-20 10:00:00', 'i1', 5),
        ('au1', 'f1', 'a1', 'r1', '2026-11-20 10:00:00', 'i2', 5),
        ('au1', 'f1', 'a1', 'r1', '2026-11-20 10:00:00', 'i3', 1),
        ('au1', 'f1', 'a1', 'r1', '2026-11-20 10:00:00', 'i4', null),
        ('au2', 'f1', 'a1', 'r1', '2026-11-20 11:00:00', 'i1', 0),
        ('au2', 'f1', 'a1', 'r1', '2026-11-20 11:00:00', 'i2', 10),
        ('au2', 'f1', 'a1', 'r1', '2026-11-20 11:00:00', 'i3', 0),
        ('au2', 'f1', 'a1', 'r1', '2026-11-20 11:00:00', 'i4', 10)`,
      );
      await compute(db);
      const scores = await rows(
        db,
        'select audit_id, audit_score, critical_fail, applicable_items from audit_scores order by audit_id',
      );
      // au1: earned i1 5/5 = 1, i2 5/10 = 0.5, i3 1/1 = 1, i4 N/A (left out with its weight):
      //   100 × (1×1 + 2×0.5 + 3×1) ÷ (1 + 2 + 3) = 100 × 5 ÷ 6 = 83.333
      expect(scores[0]).toMatchObject({ audit_id: 'au1', critical_fail: false, applicable_items: 3 });
      expect(scores[0]!.audit_score).toBeCloseTo(500 / 6, 10);
      // au2: the critical item i3 scored 0 of 1: the audit fails, score 0 (otherwise it would
      //   be 100 × (0 + 2×1 + 0 + 4×1) ÷ 10 = 60).
      expect(scores[1]).toEqual({ audit_id: 'au2', audit_score: 0, critical_fail: true, applicable_items: 4 });

      const sections = await rows(
        db,
        'select audit_id, section, score from audit_section_scores order by audit_id, section',
      );
      expect(sections.map((s) => [s.audit_id, s.section])).toEqual([
        // au1 has no closing score: its only closing item was N/A.
        ['au1', 'compliance'],
        ['au1', 'opening'],
        ['au2', 'closing'],
        ['au2', 'compliance'],
        ['au2', 'opening'],
      ]);
      // au1 compliance: 100 × 3×1 ÷ 3; opening: 100 × (1×1 + 2×0.5) ÷ 3 = 66.667
      expect(sections[0]!.score).toBe(100);
      expect(sections[1]!.score).toBeCloseTo(200 / 3, 10);
      // au2 closing 100 × 4×1 ÷ 4; compliance holds the failed critical item: 0;
      // opening 100 × (1×0 + 2×1) ÷ 3 = 66.667 (the critical failure belongs to compliance)
      expect(sections[2]!.score).toBe(100);
      expect(sections[3]!.score).toBe(0);
      expect(sections[4]!.score).toBeCloseTo(200 / 3, 10);

      // agent_daily: 2 audits, mean (83.333 + 0) ÷ 2
      const daily = await rows(db, "select audits, audit_score from agent_daily where agent_id = 'a1'");
      expect(daily[0]!.audits).toBe(2);
      expect(daily[0]!.audit_score).toBeCloseTo(250 / 6, 10);
    });
  });
});

describe('auditor_calibration', () => {
  it('measures each auditor against the mean of their calibration groups', async () => {
    await withDb(async (db) => {
      // One item worth 100 points: the audit score is the points.
      await insertValues(
        db,
        'audit_items',
        'form_id, item_id, section, weight, max_points, critical',
        `
        ('f2', 'x', 'overall', 1, 100, false)`,
      );
      await insertValues(
        db,
        'audits',
        'audit_id, form_id, agent_id, auditor_id, audited_at, calibration_id, item_id, points',
        `
        ('c1r1', 'f2', 'a1', 'r1', '2026-11-20 10:00:00', 'cal1', 'x', 80),
        ('c1r2', 'f2', 'a1', 'r2', '2026-11-20 10:00:00', 'cal1', 'x', 90),
        ('c1r3', 'f2', 'a1', 'r3', '2026-11-20 10:00:00', 'cal1', 'x', 100),
        ('c2r1', 'f2', 'a2', 'r1', '2026-11-20 11:00:00', 'cal2', 'x', 70),
        ('c2r2', 'f2', 'a2', 'r2', '2026-11-20 11:00:00', 'cal2', 'x', 80),
        ('c3r1', 'f2', 'a3', 'r1', '2026-11-20 12:00:00', 'cal3', 'x', 50),
        ('solo', 'f2', 'a3', 'r4', '2026-11-20 12:00:00', null, 'x', 10)`,
      );
      await compute(db);
      // cal1 mean (80 + 90 + 100) ÷ 3 = 90: r1 −10, r2 0, r3 +10.
      // cal2 mean (70 + 80) ÷ 2 = 75: r1 −5, r2 +5.
      // cal3 has one auditor only and 'solo' no group: neither calibrates anyone.
      expect(await rows(db, 'select auditor_id, groups, bias from auditor_calibration order by auditor_id')).toEqual([
        { auditor_id: 'r1', groups: 2, bias: (-10 + -5) / 2 },
        { auditor_id: 'r2', groups: 2, bias: (0 + 5) / 2 },
        { auditor_id: 'r3', groups: 1, bias: 10 },
      ]);
    });
  });
});
