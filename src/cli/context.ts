/**
 * What every subcommand needs: the global options, the validated config and an open
 * database with the schema in place. Commands get it through `withContext`.
 */
import type { Command } from 'commander';
import { Database } from '../db/database.ts';
import { loadConfig } from '../config/load-config.ts';
import type { Config } from '../config/config-schema.ts';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { removeDeadProcessTemps, TEMP_FOLDER } from '../files/dead-process-temps.ts';
import { ensureSchema } from '../ingest/canonical-schema.ts';
import { UsageError } from './errors.ts';
import { markDeadRuns } from '../db/record-run.ts';
import { createProgress, type Progress } from './progress.ts';

export interface GlobalOptions {
  db: string;
  config?: string;
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
 * Opens the database named by --db with the config's time zone, runs fn, closes it. A
 * command that only reads opens it read-only (several readers share it) and never creates
 * it; one that writes creates the schema and marks the runs a killed process left running.
 */
export async function withContext<T>(command: Command, fn: (ctx: Context) => Promise<T>, context: ContextOptions = {}): Promise<T> {
  const options = globalOptions(command);
  const config = context.config ?? loadConfig(options.config);
  if (context.readOnly && options.db !== ':memory:' && !existsSync(options.db)) {
    throw new UsageError(`no database at ${options.db}: give --db the file a load or nightly wrote`);
  }
  const db = await Database.open(options.db, {
    timezone: config.timezone,
    memoryLimit: config.memory_limit,
    tempDirectory: config.temp_directory,
    readOnly: context.readOnly,
    waitMs: options.wait * 1000,
    onWait: (message) => process.stderr.write(`callq: ${message}\n`),
  });
  try {
    const say = options.quiet ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);
    if (!context.readOnly) {
      await ensureSchema(db);
      for (const run of await markDeadRuns(db)) say(`run ${run.run_id} (${run.command}, started ${run.started}) did not finish: its process died; marked died`);
      removeDeadProcessTemps(tmpdir(), TEMP_FOLDER);
    }
    return await fn({ db, config, options, progress: createProgress(), say });
  } finally {
    db.close();
  }
}
