/**
 * What every subcommand needs: the global options, the validated config and an open
 * database with the schema in place. Commands get it through `withContext`.
 */
import type { Command } from 'commander';
import { Database } from '../db/database.ts';
import { loadConfig } from '../config/load-config.ts';
import type { Config } from '../config/config-schema.ts';
import { ensureSchema } from '../ingest/canonical-schema.ts';
import { markDeadRuns } from '../db/record-run.ts';
import { createProgress, type Progress } from './progress.ts';

export interface GlobalOptions {
  db: string;
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
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

/** Opens the database named by --db with the config's time zone, runs fn, closes it. */
export async function withContext<T>(
  command: Command,
  fn: (ctx: Context) => Promise<T>,
  configOverride?: Config,
): Promise<T> {
  const options = globalOptions(command);
  const config = configOverride ?? loadConfig(options.config);
  const db = await Database.open(options.db, {
    timezone: config.timezone,
    memoryLimit: config.memory_limit,
    tempDirectory: config.temp_directory,
  });
  try {
    await ensureSchema(db);
    const say = options.quiet ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);
    for (const run of await markDeadRuns(db)) say(`run ${run.run_id} (${run.command}, started ${run.started}) did not finish: its process died; marked died`);
    return await fn({ db, config, options, progress: createProgress(), say });
  } finally {
    db.close();
  }
}
