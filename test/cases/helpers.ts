/**
 * Helpers for the case tests: hand-written findings in `anomalies`, the rebuild a detection
 * ends with, and the cases and events as plain rows.
 */
import type { Database } from '../../src/db/database.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import type { Config } from '../../src/config/config-schema.ts';
import { ensureAnomalySchema } from '../../src/anomalies/anomaly-schema.ts';
import { ensureCaseSchema } from '../../src/cases/case-schema.ts';
import { refreshCases, type CaseSummary } from '../../src/cases/refresh-cases.ts';
import { insertRows } from '../util/insert-rows.ts';
import { withDb } from '../util/with-db.ts';

export const deskConfig = (keys: Record<string, unknown> = {}): Config =>
  parseConfig({ timezone: 'Asia/Shanghai', ...keys });

export async function deskSchema(db: Database): Promise<void> {
  await ensureAnomalySchema(db);
  await ensureCaseSchema(db);
}

/** A fresh database with the desk's tables, in the centre's zone (Asia/Shanghai). */
export function withDesk<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  return withDb(async (db) => {
    await deskSchema(db);
    return fn(db);
  }, 'Asia/Shanghai');
}

export interface FindingFields {
  entityType?: string;
  severity?: 'high' | 'medium' | 'low';
  score?: number;
  metric?: string;
}

/** One finding of `rule` for `entityId` on `day`, as a rule query writes it. */
export async function addFinding(
  db: Database,
  rule: string,
  entityId: string,
  day: string,
  fields: FindingFields = {},
): Promise<void> {
  const entityType = fields.entityType ?? 'agent';
  const metric = fields.metric ?? 'm';
  await insertRows(db, 'anomalies', [
    {
      anomaly_id: `${rule}|${entityType}|${entityId}|${day}|${metric}`,
      rule,
      severity: fields.severity ?? 'medium',
      entity_type: entityType,
      entity_id: entityId,
      day,
      metric,
      score: fields.score ?? 4,
      explanation_args: '{"legacy": "test finding"}',
      evidence: '[]',
    },
  ]);
}

export async function removeFinding(db: Database, rule: string, entityId: string, day: string): Promise<void> {
  await db.exec('delete from anomalies where rule = $1 and entity_id = $2 and day = cast($3 as date)', [
    rule,
    entityId,
    day,
  ]);
}

/** The rebuild a detection whose last day is `lastDay` ends with. */
export function rebuild(db: Database, lastDay: string, config = deskConfig()): Promise<CaseSummary> {
  return db.transaction(() => refreshCases(db, config, lastDay));
}

export interface CaseRow {
  case_id: number;
  rule: string;
  entity_id: string;
  first_seen: string;
  last_seen: string;
  days_active: number;
  episodes: number;
  findings: number;
  state: string;
  peak_severity: string | null;
  peak_severity_rank: number;
  peak_score: number;
  merged_into: number | null;
  snoozed_findings: number;
  verdict: string | null;
  due: string | null;
}

export async function caseRows(db: Database): Promise<CaseRow[]> {
  return db.query<CaseRow & Record<string, unknown>>(
    `select case_id, rule, entity_id, strftime(first_seen, '%Y-%m-%d') as first_seen, strftime(last_seen, '%Y-%m-%d') as last_seen,
       days_active, episodes, findings, state, peak_severity, peak_severity_rank, peak_score, merged_into, snoozed_findings,
       verdict, strftime(due, '%Y-%m-%d') as due
     from anomaly_cases order by case_id`,
  );
}

export interface EventRow {
  case_id: number;
  by: string;
  field: string;
  from: string | null;
  to: string | null;
  note: string | null;
}

export async function eventRows(db: Database): Promise<EventRow[]> {
  return db.query<EventRow & Record<string, unknown>>(
    'select case_id, "by", field, "from", "to", note from case_events order by event_id',
  );
}
