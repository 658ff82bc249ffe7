import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { insertRows } from '../util/insert-rows.ts';
import { evaluateAnomalies } from '../../src/anomalies/evaluate.ts';
import { ensureAnomalySchema } from '../../src/anomalies/anomaly-schema.ts';

function labelsFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'callq-labels-')), 'anomaly_labels.csv');
  writeFileSync(path, text);
  return path;
}

const finding = (rule: string, entityType: string, entityId: string, day: string | null, metric = 'm') => ({
  anomaly_id: `${rule}|${entityType}|${entityId}|${day}|${metric}`,
  rule,
  severity: 'medium',
  entity_type: entityType,
  entity_id: entityId,
  day,
  metric,
  explanation_args: '{}',
  evidence: '[]',
});

describe('evaluateAnomalies', () => {
  it('computes precision and recall per rule on distinct keys, window labels matching any day', async () => {
    await withDb(async (db) => {
      await ensureAnomalySchema(db);
      await insertRows(db, 'anomalies', [
        // short_sale: 3 flagged keys (C1 twice under two metrics counts once), 2 of them labelled.
        finding('short_sale', 'call', 'C1', '2026-11-20'),
        finding('short_sale', 'call', 'C1', '2026-11-20', 'other'),
        finding('short_sale', 'call', 'C2', '2026-11-20'),
        finding('short_sale', 'call', 'C3', '2026-11-21'),
        // peer_outlier (window): A1 flagged on two days is one key and matches its label.
        finding('peer_outlier', 'agent', 'A1', '2026-11-20'),
        finding('peer_outlier', 'agent', 'A1', '2026-11-21'),
        // outside_hours: flagged on the wrong day: no match.
        finding('outside_hours', 'call', 'C9', '2026-11-21'),
      ]);
      const path = labelsFile(
        [
          'rule,entity_type,entity_id,day',
          'short_sale,call,C1,2026-11-20',
          'short_sale,call,C2,2026-11-20',
          'short_sale,call,C4,2026-11-20',
          'short_sale,call,C5,2026-11-20',
          'peer_outlier,agent,A1,',
          'peer_outlier,agent,A2,',
          'outside_hours,call,C9,2026-11-20',
          'auditor_drift,auditor,Q1,',
        ].join('\n'),
      );
      const rows = await evaluateAnomalies(db, path);
      const byRule = Object.fromEntries(rows.map((r) => [r.rule, r]));
      // short_sale: flagged {C1, C2, C3}, labelled {C1, C2, C4, C5}: TP 2, precision 2/3, recall 2/4.
      expect(byRule.short_sale).toEqual({
        rule: 'short_sale',
        labelled: 4,
        flagged: 3,
        true_positives: 2,
        precision: 0.667,
        recall: 0.5,
      });
      // peer_outlier: flagged {A1}, labelled {A1, A2}: precision 1, recall 1/2.
      expect(byRule.peer_outlier).toEqual({
        rule: 'peer_outlier',
        labelled: 2,
        flagged: 1,
        true_positives: 1,
        precision: 1,
        recall: 0.5,
      });
      expect(byRule.outside_hours).toMatchObject({
        labelled: 1,
        flagged: 1,
        true_positives: 0,
        precision: 0,
        recall: 0,
      });
      // Nothing flagged: precision has no denominator (null); recall 0 of 1.
      expect(byRule.auditor_drift).toMatchObject({ labelled: 1, flagged: 0, precision: null, recall: 0 });
      // Neither labelled nor flagged: both null.
      expect(byRule.metric_shift).toMatchObject({ labelled: 0, flagged: 0, precision: null, recall: null });
      // All rules: TP 3 of 5 flagged keys, of 8 labels.
      expect(byRule.all).toEqual({
        rule: 'all',
        labelled: 8,
        flagged: 5,
        true_positives: 3,
        precision: 0.6,
        recall: 0.375,
      });
      expect(rows.map((r) => r.rule).slice(0, 3)).toEqual(['metric_shift', 'peer_outlier', 'short_sale']);
    });
  });

  it('refuses a labels file without the contract columns or with a bad day', async () => {
    await withDb(async (db) => {
      await expect(evaluateAnomalies(db, labelsFile('rule,entity,day\nshort_sale,C1,2026-11-20\n'))).rejects.toThrow(
        /lacks column\(s\) entity_type, entity_id/,
      );
      await expect(
        evaluateAnomalies(db, labelsFile('rule,entity_type,entity_id,day\nshort_sale,call,C1,20/11/2026\n')),
      ).rejects.toThrow(/day must be YYYY-MM-DD/);
      await expect(
        evaluateAnomalies(db, labelsFile('rule,entity_type,entity_id,day\nshort_sale,call,C1,2026-11-20\n')),
      ).rejects.toThrow('no anomalies in the database yet: run callq anomalies (or nightly) first');
    });
  });
});
