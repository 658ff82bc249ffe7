/**
 * The parameters a report query may use, bound by name ($day, $trend_start ...), never
 * pasted into SQL text. Days are local calendar dates (the marts' `day`), so plain date
 * arithmetic is right here; no time zone is involved.
 */
import { DuckDBDateValue, type DuckDBValue } from '@duckdb/node-api';
import type { Config } from '../config/config-schema.ts';
import { ruleCatalogue } from '../anomalies/rule-catalogue.ts';

export type ReportParams = Record<string, DuckDBValue>;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' plus n days (n may be negative). */
export function addDays(day: string, n: number): string {
  const match = ISO_DAY.exec(day);
  if (!match) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + n));
  return date.toISOString().slice(0, 10);
}

function dateValue(day: string): DuckDBDateValue {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return DuckDBDateValue.fromParts({ year, month, day: date });
}

export function reportParams(day: string, config: Config): ReportParams {
  return {
    day: dateValue(day),
    prev_day: dateValue(addDays(day, -1)),
    // 28-day trends end on the report day.
    trend_start: dateValue(addDays(day, -27)),
    // The headline's comparisons reach back 28 days: the same weekday 7, 14, 21 and 28 days
    // before, and the day-to-day spread of a mean over the 28 days before.
    baseline_start: dateValue(addDays(day, -28)),
    // The anomalies page lists the report day and the 6 days before it.
    week_start: dateValue(addDays(day, -6)),
    // The trainers' window (agent_window covers the same days).
    window_start: dateValue(addDays(day, -(config.window_days - 1))),
    // The intraday section's interval length (15, 30 or 60 minutes).
    interval_minutes: config.interval_minutes,
    talk_ratio_lo: config.talk_ratio_band[0],
    talk_ratio_hi: config.talk_ratio_band[1],
    csat_target: config.targets.csat_mean,
    audit_target: config.targets.audit_score,
    // How the page reads each rule (units, Score, thresholds), as JSON: the SQL unnests it.
    rule_catalogue: JSON.stringify(ruleCatalogue(config)),
  };
}

/** The subset of params a SQL text names ($name outside `--` comments); an unknown name is an error. */
export function paramsFor(sql: string, params: ReportParams, source: string): ReportParams {
  const code = sql.replace(/--.*$/gm, '');
  const used: ReportParams = {};
  for (const match of code.matchAll(/\$([a-z_][a-z0-9_]*)/g)) {
    const name = match[1]!;
    if (!(name in params)) {
      throw new Error(
        `${source} uses $${name}; report queries may use ${Object.keys(params)
          .map((p) => `$${p}`)
          .join(', ')}`,
      );
    }
    used[name] = params[name]!;
  }
  return used;
}
