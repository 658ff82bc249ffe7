/** Helpers for the anomaly tests: a config running one rule, and the findings it wrote. */
import type { Database } from '../../src/db/database.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import type { Config } from '../../src/config/config-schema.ts';
import type { RuleName } from '../../src/config/anomaly-settings.ts';
import { RULES } from '../../src/anomalies/rules.ts';
import { detectAnomalies, type DetectResult } from '../../src/anomalies/detect.ts';
import { computeMetrics } from '../../src/metrics/compute.ts';
import { explain } from '../../src/anomalies/explain.ts';
import { translator } from '../../src/reports/i18n.ts';

export interface Finding {
  anomaly_id: string;
  rule: string;
  severity: string;
  entity_type: string;
  entity_id: string;
  day: string | null;
  metric: string;
  value: number | null;
  baseline: number | null;
  score: number | null;
  /** The finding's English sentence, written from explanation_args as the reports write it. */
  explanation: string;
  evidence: string[];
}

/** A config with only `rule` enabled (its settings overridden by `settings`) plus top-level keys. */
export function configFor(
  rule: RuleName,
  settings: Record<string, unknown> = {},
  topLevel: Record<string, unknown> = {},
): Config {
  const anomalies: Record<string, unknown> = {};
  for (const r of RULES) anomalies[r.name] = r.name === rule ? { ...settings } : { enabled: false };
  return parseConfig({ timezone: 'Asia/Shanghai', ...topLevel, anomalies });
}

/** Runs one rule (every day of the data, or `day`) and returns its findings, sorted. */
export async function runRule(
  db: Database,
  rule: RuleName,
  options: { day?: string; settings?: Record<string, unknown>; topLevel?: Record<string, unknown> } = {},
): Promise<Finding[]> {
  const result = await detectAnomalies(db, configFor(rule, options.settings, options.topLevel), { day: options.day });
  expectRan(result, rule);
  return findings(db, rule);
}

export async function findings(db: Database, rule?: string): Promise<Finding[]> {
  const rows = await db.queryJs(
    `select anomaly_id, rule, severity, entity_type, entity_id, strftime(day, '%Y-%m-%d') as day, metric,
       value, baseline, score, explanation_args, evidence
     from anomalies where $rule is null or rule = $rule
     order by rule, entity_type, entity_id, day, metric`,
    { rule: rule ?? null },
  );
  const en = translator('en');
  return rows.map(({ explanation_args, ...row }) => ({
    ...row,
    explanation: explain(String(row.rule), explanation_args as string, en),
  })) as unknown as Finding[];
}

function expectRan(result: DetectResult, rule: string): void {
  const skipped = result.skipped.find((s) => s.rule === rule);
  if (skipped) throw new Error(`${rule} was skipped: missing ${skipped.missing.join(', ')}`);
}

/** An outbound call with the given fields; times are local 'YYYY-MM-DD HH:MM:SS'. */
export function outbound(callId: string, fields: Record<string, string | number | boolean | null>) {
  return { call_id: callId, direction: 'outbound', ...fields };
}

export function inbound(callId: string, fields: Record<string, string | number | boolean | null>) {
  return { call_id: callId, direction: 'inbound', ...fields };
}

/**
 * Two bare calls on `first` and `last` day: a full run covers the days the canonical calls
 * span, so fixtures that fill only derived tables mark their days this way.
 */
export function spanDays(first: string, last: string) {
  return [
    inbound('SPAN-FIRST', { started_at: `${first} 12:00:00`, ended_at: `${first} 12:00:01` }),
    inbound('SPAN-LAST', { started_at: `${last} 12:00:00`, ended_at: `${last} 12:00:01` }),
  ];
}

/** Builds the derived tables (call_facts, agent_daily ...) from the canonical rows, as `callq compute` does. */
export async function compute(db: Database, timezone = 'Asia/Shanghai'): Promise<void> {
  await computeMetrics(db, parseConfig({ timezone }));
}
