/**
 * The parameters a rule's SQL is run with: its day range, the top-level config keys the
 * rules share and the rule's own settings (anomalies.{rule}), bound by name ($from,
 * $z_threshold ...). Only the names the SQL uses are bound (DuckDB refuses extra ones),
 * and a name the SQL uses without a value is an error naming it.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Config } from '../config/config-schema.ts';
import type { RuleName } from '../config/anomaly-settings.ts';

export interface DayRange {
  from: string;
  to: string;
  /** The range covers every day of the data (undated findings are judged too). */
  allDays: boolean;
}

type Setting = string | number | boolean | readonly string[];

/** The values every rule may use, by parameter name. */
function sharedValues(config: Config, range: DayRange): Record<string, Setting> {
  return {
    from: range.from,
    to: range.to,
    all_days: range.allDays,
    window_days: config.window_days,
    short_sale_s: config.short_sale_s,
    calling_start: config.calling_window.start,
    calling_end: config.calling_window.end,
    protected_numbers: config.protected_numbers,
    centre_numbers: config.centre_numbers,
  };
}

export function ruleValues(config: Config, rule: RuleName, range: DayRange): Record<string, Setting> {
  const { enabled: _enabled, ...settings } = config.anomalies[rule];
  return { ...sharedValues(config, range), ...(settings as Record<string, Setting>) };
}

/** The $names used in a SQL text (comments left out). */
export function parameterNames(sql: string): string[] {
  const code = sql.replace(/--[^\n]*/g, '');
  return [...new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
}

/** The values of the names the SQL uses, as DuckDB values. */
export function bindFor(sql: string, values: Record<string, Setting>, what: string): Record<string, DuckDBValue> {
  const bound: Record<string, DuckDBValue> = {};
  for (const name of parameterNames(sql)) {
    const value = values[name];
    if (value === undefined) throw new Error(`${what} uses $${name}, which no setting provides`);
    bound[name] = toDuckDb(value);
  }
  return bound;
}

function toDuckDb(value: Setting): DuckDBValue {
  // Lists bind as JSON text (the client cannot bind an empty list): the SQL reads them
  // with cast(json($name) as varchar[]). Whole numbers bind as INTEGER, others as DOUBLE.
  if (Array.isArray(value)) return JSON.stringify(value);
  return value as DuckDBValue;
}
