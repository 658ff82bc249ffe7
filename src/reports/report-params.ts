/**
 * The parameters a report query may use, bound by name ($day, $trend_start ...) through
 * src/db/sql-params.ts, never pasted into SQL text. Days are local calendar dates (the
 * marts' `day`), so plain date arithmetic is right here; no time zone is involved.
 */
import { DuckDBDateValue, type DuckDBValue } from '@duckdb/node-api';
import type { Config } from '../config/config-schema.ts';
import { ruleCatalogue } from '../anomalies/rule-catalogue.ts';
import { queueTargetRows } from '../config/queue-targets.ts';
import { addDays } from '../days/calendar-day.ts';

export type ReportParams = Record<string, DuckDBValue>;

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
    // The queue measures' targets, the centre's and each queue's own, as JSON rows.
    queue_targets: JSON.stringify(queueTargetRows(config)),
    // How the page reads each rule (units, Score, thresholds), as JSON: the SQL unnests it.
    rule_catalogue: JSON.stringify(ruleCatalogue(config)),
  };
}
