/**
 * rule_quality on a hand-computed example. 95% Wilson interval, z = 1.959964, z² = 3.841459:
 *   7 of 10 confirmed: p = 0.7; centre (0.7 + 3.841459/20) / (1 + 0.3841459) = 0.644490;
 *   half-width 1.959964 × sqrt(0.021 + 3.841459/400) / 1.3841459 = 0.247712
 *   → [0.396778, 0.892202], shown as 0.397 and 0.892.
 *   1 of 10: p = 0.1; centre 0.211012, half-width 0.193135 → [0.018, 0.404]: the upper end is
 *   below 0.5, so the rule is flagged low_desk_precision.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../util/run-cli.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { applyReviews } from '../../src/cases/apply-reviews.ts';
import { saveEvaluation } from '../../src/cases/rule-quality.ts';
import type { Review, Verdict } from '../../src/cases/verdicts.ts';
import { addFinding, deskConfig, deskSchema, rebuild, withDesk } from './helpers.ts';

const tz = 'Asia/Shanghai';

describe('rule_quality', () => {
  it('gives each rule its desk precision, Wilson interval and n beside the generated-data figures', async () => {
    await withDesk(async (db) => {
      // short_sale: 10 cases (one call each) plus one never reviewed; outside_hours: 10 cases.
      // All first seen on the day detected: new, so open.
      for (let i = 1; i <= 11; i++) await addFinding(db, 'short_sale', `S${i}`, '2026-11-02', { entityType: 'call' });
      for (let i = 1; i <= 10; i++)
        await addFinding(db, 'outside_hours', `O${i}`, '2026-11-02', { entityType: 'call' });
      await rebuild(db, '2026-11-02');
      const ids = await db.query<{ case_id: number; entity_id: string }>(
        'select case_id, entity_id from anomaly_cases',
      );
      const caseOf = new Map(ids.map((r) => [r.entity_id, r.case_id]));
      const review = (entity: string, verdict: Verdict): Review => ({
        line: 0,
        caseId: caseOf.get(entity)!,
        verdict,
        note: null,
        by: 'ana',
      });
      const reviews: Review[] = [
        // 5 confirmed and 2 actioned (an action means the finding was right): 7 right, 3 dismissed.
        ...[1, 2, 3, 4, 5].map((i) => review(`S${i}`, 'confirmed')),
        ...[6, 7].map((i) => review(`S${i}`, 'actioned')),
        ...[8, 9, 10].map((i) => review(`S${i}`, 'dismissed')),
        review('O1', 'confirmed'),
        ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => review(`O${i}`, 'dismissed')),
      ];
      expect((await applyReviews(db, deskConfig(), reviews, '2026-11-03')).problems).toEqual([]);
      await saveEvaluation(
        db,
        [
          { rule: 'short_sale', labelled: 20, flagged: 19, true_positives: 18, precision: 0.947, recall: 0.9 },
          { rule: 'all', labelled: 20, flagged: 19, true_positives: 18, precision: 0.947, recall: 0.9 },
        ],
        'labels.csv',
      );
      expect(await db.query('select * from rule_quality')).toEqual([
        {
          rule: 'outside_hours',
          cases: 10,
          open_cases: 10,
          confirmed: 1,
          dismissed: 9,
          reviewed: 10,
          desk_precision: 0.1,
          desk_precision_lo: 0.018,
          desk_precision_hi: 0.404,
          low_desk_precision: true,
          generated_precision: null,
          generated_recall: null,
          generated_labelled: null,
          snoozed_findings: 0,
        },
        {
          rule: 'short_sale',
          cases: 11,
          open_cases: 11,
          confirmed: 7,
          dismissed: 3,
          reviewed: 10,
          desk_precision: 0.7,
          desk_precision_lo: 0.397,
          desk_precision_hi: 0.892,
          low_desk_precision: false,
          generated_precision: 0.947,
          generated_recall: 0.9,
          generated_labelled: 20,
          snoozed_findings: 0,
        },
      ]);
    });
  });
});

describe('callq evaluate --save', () => {
  it('keeps the generated-data figures beside the desk precision, where callq query reads them', async () => {
    const tmp = tempDir('callq-evaluate-save-');
    try {
      const db = tmp.path('desk.duckdb');
      const handle = await Database.open(db, { timezone: tz });
      try {
        await ensureSchema(handle);
        await deskSchema(handle);
        await addFinding(handle, 'outside_hours', 'C1', '2026-11-02', { entityType: 'call' });
        await rebuild(handle, '2026-11-02');
      } finally {
        handle.close();
      }
      const labels = tmp.path('labels.csv');
      writeFileSync(
        labels,
        'rule,entity_type,entity_id,day\noutside_hours,call,C1,2026-11-02\noutside_hours,call,C2,2026-11-02\n',
      );
      expect((await runCli('--db', db, 'evaluate', '--labels', labels, '--save', '--format', 'csv')).code).toBe(0);
      const quality = await runCli(
        '--db',
        db,
        'query',
        "select rule, cases, generated_precision, generated_recall from rule_quality where rule = 'outside_hours'",
        '--format',
        'csv',
      );
      // 1 of 2 labels found, nothing else flagged: precision 1, recall 0.5.
      expect(quality.stdout).toBe('rule,cases,generated_precision,generated_recall\noutside_hours,1,1,0.5\n');
    } finally {
      tmp.cleanup();
    }
  });
});
