/**
 * Snooze: a dismissed case holds back the same rule and subject's next findings for
 * snooze_days (14) unless one is worse, a higher severity or a |score| more than
 * snooze_margin (25%) above the case's peak. Held-back findings stay in anomalies and are
 * counted on the case, and evaluate still counts them, so recall stays measurable.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { applyReviews } from '../../src/cases/apply-reviews.ts';
import { evaluateAnomalies } from '../../src/anomalies/evaluate.ts';
import type { Database } from '../../src/db/database.ts';
import { addFinding, caseRows, deskConfig, rebuild, withDesk } from './helpers.ts';

const tmp = tempDir('callq-snooze-');
afterAll(() => tmp.cleanup());

const NUMBER = '13800000001';
const burst = (db: Database, day: string, score: number, severity: 'high' | 'medium' = 'medium') =>
  addFinding(db, 'robocall_burst', NUMBER, day, { entityType: 'number', score, severity });

/** A case of the 1st and 2nd, peak score 4 (medium), dismissed on the 3rd: snoozed to the 17th. */
async function dismissedCase(db: Database): Promise<void> {
  await burst(db, '2026-11-01', 3);
  await burst(db, '2026-11-02', 4);
  await rebuild(db, '2026-11-02');
  const outcome = await applyReviews(
    db,
    deskConfig(),
    [{ line: 0, caseId: 1, verdict: 'dismissed', note: 'a call-back campaign', by: 'ana' }],
    '2026-11-03',
  );
  expect(outcome.problems).toEqual([]);
  expect(
    await db.query(
      "select strftime(snooze_from, '%Y-%m-%d') as from_day, strftime(snooze_until, '%Y-%m-%d') as until, snooze_score, snooze_severity_rank from anomaly_cases",
    ),
  ).toEqual([{ from_day: '2026-11-02', until: '2026-11-17', snooze_score: 4, snooze_severity_rank: 2 }]);
}

describe('snooze', () => {
  it('raises no case within snooze_days while no finding is worse, and a new one when one is', async () => {
    await withDesk(async (db) => {
      await dismissedCase(db);
      // 5 = 4 × 1.25 is the most a snoozed finding may score.
      await burst(db, '2026-11-03', 4.5);
      await rebuild(db, '2026-11-03');
      await burst(db, '2026-11-04', 5);
      await rebuild(db, '2026-11-04');
      expect((await caseRows(db)).map((c) => [c.case_id, c.last_seen, c.snoozed_findings, c.verdict])).toEqual([
        [1, '2026-11-02', 2, 'dismissed'],
      ]);
      // 5.5 is more than 25% above 4: worse, raised as a new case; the dismissed one keeps its days.
      await burst(db, '2026-11-05', 5.5);
      await rebuild(db, '2026-11-05');
      expect(
        (await caseRows(db)).map((c) => [c.case_id, c.first_seen, c.last_seen, c.state, c.snoozed_findings, c.verdict]),
      ).toEqual([
        [1, '2026-11-01', '2026-11-02', 'cleared', 2, 'dismissed'],
        [2, '2026-11-05', '2026-11-05', 'new', 0, null],
      ]);
      // Every finding is still in anomalies.
      expect(Number(await db.scalar('select count(*) from anomalies'))).toBe(5);
    });
  });

  it('lets a higher severity through at any score, and everything through after snooze_until', async () => {
    await withDesk(async (db) => {
      await dismissedCase(db);
      await burst(db, '2026-11-04', 2, 'high');
      await rebuild(db, '2026-11-04');
      // The 18th is past the snooze (the 17th): not held back. It reopens case 2, never case 1,
      // which the dismissal closed at its last day.
      await burst(db, '2026-11-18', 3);
      await rebuild(db, '2026-11-18');
      expect(
        (await caseRows(db)).map((c) => [c.case_id, c.first_seen, c.last_seen, c.peak_severity, c.snoozed_findings]),
      ).toEqual([
        [1, '2026-11-01', '2026-11-02', 'medium', 0],
        [2, '2026-11-04', '2026-11-18', 'high', 0],
      ]);
    });
  });

  it('keeps snoozed findings in anomalies, so evaluate still counts them for recall', async () => {
    await withDesk(async (db) => {
      await dismissedCase(db);
      await burst(db, '2026-11-03', 4);
      await rebuild(db, '2026-11-03');
      expect((await caseRows(db))[0]!.snoozed_findings).toBe(1);
      const labels = tmp.path('labels.csv');
      writeFileSync(
        labels,
        [
          'rule,entity_type,entity_id,day',
          ...['01', '02', '03'].map((d) => `robocall_burst,number,${NUMBER},2026-11-${d}`),
        ].join('\n'),
      );
      const quality = await evaluateAnomalies(db, labels);
      expect(quality.find((q) => q.rule === 'robocall_burst')).toMatchObject({
        rule: 'robocall_burst',
        labelled: 3,
        true_positives: 3,
        recall: 1,
      });
      expect(await db.query('select rule, snoozed_findings from rule_quality')).toEqual([
        { rule: 'robocall_burst', snoozed_findings: 1 },
      ]);
    });
  });
});

describe('a dismissal reviewed late', () => {
  it('holds back only what comes after it: a case of the same subject raised before keeps its findings', async () => {
    await withDesk(async (db) => {
      await burst(db, '2026-11-01', 4);
      // 34 days later, beyond case_reopen_days (28): a case of its own.
      await burst(db, '2026-12-05', 4);
      await rebuild(db, '2026-12-05');
      await applyReviews(
        db,
        deskConfig(),
        [{ line: 0, caseId: 1, verdict: 'dismissed', note: null, by: 'ana' }],
        '2026-12-10',
      );
      await burst(db, '2026-12-10', 4);
      await rebuild(db, '2026-12-10');
      // Closed on the 9th (the day before the review): the 5th stays case 2's, the 10th is snoozed.
      expect(
        (await caseRows(db)).map((c) => [c.case_id, c.first_seen, c.last_seen, c.findings, c.snoozed_findings]),
      ).toEqual([
        [1, '2026-11-01', '2026-11-01', 1, 1],
        [2, '2026-12-05', '2026-12-05', 1, 0],
      ]);
    });
  });
});
