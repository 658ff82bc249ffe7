/**
 * What every subcommand needs: the global options, the validated config and an open
 * database with the schema in place. Commands get it through `withContext`.
 */
import type { Command } from 'commander';
import { Database } from '../db/database.ts';
import { parseConfig, readConfigFile } from '../config/load-config.ts';
import { decideSettings, recordedSettings, recordSettings, type SettingsDecision } from '../config/recorded-config.ts';
import type { Config } from '../config/config-schema.ts';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { removeDeadProcessTemps, TEMP_FOLDER } from '../files/dead-process-temps.ts';
import { ensureSchema } from '../ingest/canonical-schema.ts';
import { UsageError } from '../errors/usage-error.ts';
import { markDeadRuns, recordRun } from '../db/record-run.ts';
import { computeMetrics } from '../metrics/compute.ts';
import { detectAnomalies } from '../anomalies/detect.ts';
import { createProgress, type Progress } from './progress.ts';

export interface GlobalOptions {
  db: string;
  config?: string;
  /** Recompute everything under --config's settings (see docs/recorded-config.md). */
  reconfigure?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  /** Seconds to wait while another run holds the database. */
  wait: number;
}

export interface ContextOptions {
  /** The run's config instead of --config's (the demo's). */
  config?: Config;
  /** Reads only: the database must exist, is opened read-only and is not changed. */
  readOnly?: boolean;
}

export interface Context {
  db: Database;
  config: Config;
  options: GlobalOptions;
  progress: Progress;
  /** One line for the user (stdout); silent with --quiet. */
  say(line: string): void;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

/**
 * Opens the database named by --db, runs fn, closes it. The run uses the settings the
 * database recorded, with what --config sets on top (docs/recorded-config.md). A command
 * that only reads opens it read-only (several readers share it) and never creates it; one
 * that writes creates the schema, marks the runs a killed process left running, and records
 * its settings when they are the first or changed.
 */
export async function withContext<T>(
  command: Command,
  fn: (ctx: Context) => Promise<T>,
  context: ContextOptions = {},
): Promise<T> {
  const options = globalOptions(command);
  const file = options.config ? readConfigFile(options.config) : null;
  // The machine settings (memory) are needed to open the database, before its recorded ones are read.
  const machine = context.config ?? parseConfig(file ?? {}, options.config);
  if (context.readOnly && options.reconfigure)
    throw new UsageError('--reconfigure recomputes the database: give it to a command that writes (nightly, compute)');
  if (context.readOnly && options.db !== ':memory:' && !existsSync(options.db)) {
    throw new UsageError(`no database at ${options.db}: give --db the file a load or nightly wrote`);
  }
  const db = await Database.open(options.db, {
    timezone: machine.timezone,
    memoryLimit: machine.memory_limit,
    tempDirectory: machine.temp_directory,
    readOnly: context.readOnly,
    waitMs: options.wait * 1000,
    onWait: (message) => process.stderr.write(`callq: ${message}\n`),
  });
  try {
    const say = options.quiet ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);
    const recorded = await recordedSettings(db);
    const settings: SettingsDecision = context.config
      ? { config: context.config, changed: [], record: recorded === null }
      : decideSettings(recorded, file, options.reconfigure ?? false, options.config);
    const { config } = settings;
    if (config.timezone !== machine.timezone) await db.setTimezone(config.timezone);
    if (settings.changed.length > 0) say(`settings changed from the recorded ones: ${settings.changed.join(', ')}`);
    if (!context.readOnly) {
      await ensureSchema(db);
      for (const run of await markDeadRuns(db))
        say(`run ${run.run_id} (${run.command}, started ${run.started}) did not finish: its process died; marked died`);
      removeDeadProcessTemps(tmpdir(), TEMP_FOLDER);
      // A reconfiguration records the new settings once every day is recomputed under them:
      // one that dies leaves the old ones in force, and is given again.
      if (options.reconfigure && recorded) await reconfigure(db, config, say);
      if (settings.record) await recordSettings(db, config, command.name(), options.reconfigure ?? false);
    }
    return await fn({ db, config, options, progress: createProgress(), say });
  } finally {
    db.close();
  }
}

/** Every day computed and detected again under the new settings, as one run. */
async function reconfigure(db: Database, config: Config, say: (line: string) => void): Promise<void> {
  await recordRun(db, { command: 'reconfigure', day: null }, async () => {
    const computed = await computeMetrics(db, config);
    const detected = await detectAnomalies(db, config);
    const findings = Object.values(detected.counts).reduce((sum, n) => sum + n, 0);
    say(
      `reconfigured: every day computed again (${computed.counts.call_facts} calls) and detected again (${findings} findings)`,
    );
    return { result: undefined, counts: { calls: computed.counts.call_facts, findings } };
  });
}
