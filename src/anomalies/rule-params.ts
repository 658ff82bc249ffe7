/**
 * The parameters a rule's SQL is run with: its day range, the top-level config keys the
 * rules share and the rule's own settings (anomalies.{rule}), bound by name ($from,
 * $z_threshold ...) through src/db/sql-params.ts.
 */
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
