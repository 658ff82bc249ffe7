/**
 * The configuration a database remembers (table recorded_config; docs/recorded-config.md).
 * The first run that writes records the settings its data is computed under. A later run
 * uses them, with what its --config file sets on top: a time zone other than the recorded
 * one moves every day boundary, so it is refused unless the run reconfigures (recomputes
 * everything); any other change is said in one line and recorded.
 */
import type { Database } from '../db/database.ts';
import { UsageError } from '../errors/usage-error.ts';
import { parseConfig } from './load-config.ts';
import type { Config } from './config-schema.ts';

/** Settings of the machine, not of the data: never recorded or compared. */
const MACHINE_KEYS = ['memory_limit', 'temp_directory'] as const;

export type DataSettings = Omit<Config, (typeof MACHINE_KEYS)[number]>;

export function dataSettings(config: Config): DataSettings {
  const settings: Record<string, unknown> = { ...config };
  for (const key of MACHINE_KEYS) delete settings[key];
  return settings as DataSettings;
}

/** The recorded settings in force (JSON), or null in a database where none are recorded yet. */
export async function recordedSettings(db: Database): Promise<Record<string, unknown> | null> {
  if (!(await db.tableExists('recorded_config'))) return null;
  const text = await db.scalar<string>('select config from recorded_config order by recorded_at desc limit 1');
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

export async function recordSettings(
  db: Database,
  config: Config,
  command: string,
  reconfigured: boolean,
): Promise<void> {
  await db.exec('insert into recorded_config values (now(), $1, $2, $3)', [
    command,
    reconfigured,
    JSON.stringify(dataSettings(config)),
  ]);
}

export interface SettingsDecision {
  /** The configuration the run uses. */
  config: Config;
  /** Keys (dotted) whose value differs from the recorded one: said to the user and recorded. */
  changed: string[];
  /** Whether this run records its settings (none recorded yet, a change, or --reconfigure). */
  record: boolean;
}

/**
 * The settings a run uses. `file` is the JSON of --config (null when none is given): the
 * keys it sets replace the recorded ones, the others keep their recorded values.
 */
export function decideSettings(
  recorded: Record<string, unknown> | null,
  file: unknown,
  reconfigure: boolean,
  source = 'config',
): SettingsDecision {
  if (!recorded) return { config: parseConfig(file ?? {}, source), changed: [], record: true };
  if (file === null && reconfigure)
    throw new UsageError('--reconfigure needs --config: the settings to recompute everything under');
  const before = parseConfig(recorded, "the database's recorded configuration");
  const config = file === null ? before : parseConfig(overlay(recorded, file), source);
  const changed = differences(dataSettings(before), dataSettings(config));
  if (changed.includes('timezone') && !reconfigure) {
    throw new UsageError(
      `the database was computed in time zone ${before.timezone} and ${source} says ${config.timezone}: every day boundary ` +
        'would move; run with --reconfigure to recompute everything under the new settings',
    );
  }
  return { config, changed, record: changed.length > 0 || reconfigure };
}

/**
 * Maps by name that a file sets whole: the queues a file's targets.queues lists are the
 * per-queue targets in force, so a queue left out of it goes back to the centre's targets;
 * the members its sources.asterisk.member_agents lists are the ones mapped.
 */
const SET_WHOLE = new Set(['targets.queues', 'sources.asterisk.member_agents']);

/** `base` with what `top` sets: objects merged key by key (but SET_WHOLE), anything else replaced. */
function overlay(base: unknown, top: unknown, path = ''): unknown {
  if (!isPlainObject(base) || !isPlainObject(top) || SET_WHOLE.has(path)) return top;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(top))
    merged[key] = key in base ? overlay(base[key], value, path ? `${path}.${key}` : key) : value;
  return merged;
}

/** The dotted keys whose values differ, e.g. ["timezone", "anomalies.hangup_first.min_calls"]. */
export function differences(a: unknown, b: unknown, path = ''): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences(a[key], b[key], path ? `${path}.${key}` : key));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
