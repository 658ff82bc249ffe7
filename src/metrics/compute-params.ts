/**
 * Binds the config values the models read as DuckDB session variables
 * (`set variable x = $1`, read in SQL with `getvariable('x')`; see src/db/sql-params.ts).
 * Values are bound parameters, never pasted into SQL text; every model reads them the same
 * way. The time zone is not a variable: Database.open sets the session TimeZone.
 */
import type { Database } from '../db/database.ts';
import { setVariable, type Variable } from '../db/sql-params.ts';
import type { Config } from '../config/config-schema.ts';

function configVariables(config: Config): Variable[] {
  return [
    { name: 'short_abandon_s', value: config.short_abandon_s, type: 'double' },
    { name: 'answer_target_s', value: config.answer_target_s, type: 'double' },
    { name: 'repeat_window_days', value: config.repeat_window_days, type: 'integer' },
    { name: 'window_days', value: config.window_days, type: 'integer' },
    { name: 'talk_band_lo', value: config.talk_ratio_band[0], type: 'double' },
    { name: 'talk_band_hi', value: config.talk_ratio_band[1], type: 'double' },
    { name: 'sla_h_high', value: config.sla_h.high, type: 'double' },
    { name: 'sla_h_medium', value: config.sla_h.medium, type: 'double' },
    { name: 'sla_h_low', value: config.sla_h.low, type: 'double' },
    { name: 'target_csat_mean', value: config.targets.csat_mean, type: 'double' },
    { name: 'target_audit_score', value: config.targets.audit_score, type: 'double' },
  ];
}

export async function bindConfigVariables(db: Database, config: Config): Promise<void> {
  for (const variable of configVariables(config)) await setVariable(db, variable);
}

/** Binds `<name>_from` / `<name>_to`; '-infinity' and 'infinity' mean unbounded. */
export async function bindDayRange(db: Database, name: string, range: { from: string; to: string }): Promise<void> {
  await setVariable(db, { name: `${name}_from`, value: range.from, type: 'date' });
  await setVariable(db, { name: `${name}_to`, value: range.to, type: 'date' });
}

export async function bindDay(db: Database, name: string, day: string): Promise<void> {
  await setVariable(db, { name, value: day, type: 'date' });
}
