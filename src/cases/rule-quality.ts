/**
 * rule_quality: each rule's precision on the desk's verdicts with its Wilson interval,
 * beside its precision and recall on generated data. A table, rebuilt whenever cases,
 * verdicts or the evaluation change (queries/cases/rule_quality.sql), so `callq query
 * rule_quality` reads it read-only like any table.
 */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { installMetricMacros } from '../metrics/macros.ts';
import type { RuleQuality } from '../anomalies/evaluate.ts';

export async function refreshRuleQuality(db: Database): Promise<void> {
  // wilson_lo / wilson_hi / safe_ratio are temp macros: installed on this connection first.
  await installMetricMacros(db);
  await db.exec(`create or replace table rule_quality as ${readQuery('cases/rule_quality.sql')}`);
}

/** Keeps an evaluation (`callq evaluate --save`) in rule_evaluation, replacing the last one. */
export async function saveEvaluation(db: Database, rows: RuleQuality[], labelsPath: string): Promise<void> {
  await db.transaction(async () => {
    await db.exec('delete from rule_evaluation');
    await db.insertSelect(
      'rule_evaluation',
      `select evaluated.*, $labels as labels, now() as evaluated_at
       from (select unnest(cast(json($rows) as struct(rule varchar, labelled integer, flagged integer,
         true_positives integer, "precision" double, recall double)[]), recursive := true)) as evaluated`,
      { rows: JSON.stringify(rows), labels: labelsPath },
    );
    await refreshRuleQuality(db);
  });
}
