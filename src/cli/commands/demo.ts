/**
 * `callq demo`: the nightly job on the bundled sample centre, for its last day, into its
 * own database under out/, so `npm ci && npm start` shows what callq does on a fresh machine.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { ExitCode } from '../errors.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runNightly } from './nightly.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('../../../sample-data/', import.meta.url));
/** The last day of the committed sample (see the sample-data script in package.json). */
export const SAMPLE_LAST_DAY = '2026-11-21';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the nightly job on the bundled sample data (sample-data/) for its last day')
    .option('--out <dir>', 'output folder', 'out')
    .action(async (opts: { out: string }, command: Command) => {
      const config = loadConfig(join(SAMPLE_DIR, 'callq.config.json'));
      mkdirSync(opts.out, { recursive: true });
      // The demo keeps its own database so it never mixes with a real one.
      command.parent!.setOptionValue('db', join(opts.out, 'demo.duckdb'));
      await withContext(
        command,
        async (ctx) => {
          const result = await runNightly(ctx, { input: SAMPLE_DIR, out: opts.out, date: SAMPLE_LAST_DAY, lang: 'en' });
          if (result.rejectsOverLimit) process.exitCode = ExitCode.rejects;
        },
        { config },
      );
    });
}
