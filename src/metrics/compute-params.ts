/**
 * Binds the config values the models read as DuckDB session variables
 * (`set variable x = $1`, read in SQL with `getvariable('x')`). Values are bound
 * parameters, never pasted into SQL text; every model reads them the same way.
 * The time zone is not a variable: Database.open sets the session TimeZone.
 */
import type { Database } from '../db/database.ts';
import type { Config } from '../config/config-schema.ts';

type SqlType = 'double' | 'integer' | 'date';

function configVariables(config: Config): Array<[string, number, SqlType]> {
  return [
    ['short_abandon_s', config.short_abandon_s, 'double'],
    ['answer_target_s', config.answer_target_s, 'double'],
    ['repeat_window_days', config.repeat_window_days, 'integer'],
    ['window_days', config.window_days, 'integer'],
    ['talk_band_lo', config.talk_ratio_band[0], 'double'],
    ['talk_band_hi', config.talk_ratio_band[1], 'double'],
    ['sla_h_high', config.sla_h.high, 'double'],
    ['sla_h_medium', config.sla_h.medium, 'double'],
    ['sla_h_low', config.sla_h.low, 'double'],
    ['target_csat_mean', config.targets.csat_mean, 'double'],
    ['target_audit_score', config.targets.audit_score, 'double'],
  ];
}

async function setVariable(db: Database, name: string, value: number | string | null, type: SqlType): Promise<void> {
  // The name comes from this module's fixed list, the value is bound.
  await db.exec(`set variable ${name} = $1::${type}`, [value]);
}

export async function bindConfigVariables(db: Database, config: Config): Promise<void> {
  for (const [name, value, type] of configVariables(config)) await setVariable(db, name, value, type);
}

/** Binds `<name>_from` / `<name>_to`; '-infinity' and 'infinity' mean unbounded. */
export async function bindDayRange(db: Database, name: string, from: string, to: string): Promise<void> {
  await setVariable(db, `${name}_from`, from, 'date');
  await setVariable(db, `${name}_to`, to, 'date');
}

export async function bindDay(db: Database, name: string, day: string): Promise<void> {
  await setVariable(db, name, day, 'date');
}
