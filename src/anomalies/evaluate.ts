/**
 * Precision and recall of each rule against a labels CSV (rule, entity_type, entity_id,
 * day), matched as docs/anomaly-rules.md#evaluation-labels-and-matching and
 * queries/anomalies/evaluation.sql say.
 */
import { existsSync } from 'node:fs';
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { UsageError } from '../errors/usage-error.ts';
import { RULES, WINDOW_FINDINGS } from './rules.ts';

export interface RuleQuality {
  rule: string;
  labelled: number;
  flagged: number;
  true_positives: number;
  precision: number | null;
  recall: number | null;
}

const LABEL_COLUMNS = ['rule', 'entity_type', 'entity_id', 'day'];

export async function evaluateAnomalies(db: Database, labelsPath: string): Promise<RuleQuality[]> {
  if (!existsSync(labelsPath)) throw new UsageError(`labels file ${labelsPath} does not exist`);
  await checkLabels(db, labelsPath);
  // The database is open read-only: an evaluation reads the findings, never makes them.
  if (!(await db.tableExists('anomalies')))
    throw new UsageError('no anomalies in the database yet: run callq anomalies (or nightly) first');
  const rows = await db.queryJs(readQuery('anomalies/evaluation.sql'), {
    labels: labelsPath,
    rules: JSON.stringify(RULES.map((r) => r.name)),
    window_findings: JSON.stringify(WINDOW_FINDINGS),
  });
  return rows.map((r) => ({
    rule: String(r.rule),
    labelled: Number(r.labelled),
    flagged: Number(r.flagged),
    true_positives: Number(r.true_positives),
    precision: r.precision === null ? null : Number(r.precision),
    recall: r.recall === null ? null : Number(r.recall),
  }));
}

/** The labels file has the contract's columns and every non-empty day is a date. */
async function checkLabels(db: Database, labelsPath: string): Promise<void> {
  const columns = await db.query<{ column_name: string }>(
    'select column_name from (describe select * from read_csv($labels, header = true, all_varchar = true))',
    { labels: labelsPath },
  );
  const present = new Set(columns.map((c) => c.column_name.trim().toLowerCase()));
  const missing = LABEL_COLUMNS.filter((c) => !present.has(c));
  if (missing.length > 0)
    throw new UsageError(
      `labels file ${labelsPath} lacks column(s) ${missing.join(', ')} (expected ${LABEL_COLUMNS.join(', ')})`,
    );
  const bad = await db.query<{ day: string }>(
    `select day from read_csv($labels, header = true, all_varchar = true)
     where nullif(trim(day), '') is not null and try_cast(trim(day) as date) is null limit 3`,
    { labels: labelsPath },
  );
  if (bad.length > 0)
    throw new UsageError(
      `labels file ${labelsPath}: day must be YYYY-MM-DD or empty, got ${bad.map((b) => JSON.stringify(b.day)).join(', ')}`,
    );
}
