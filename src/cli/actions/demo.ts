/** What `callq demo` does (its options: commands/demo.ts). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { ExitCode } from '../../errors/usage-error.ts';
import { loadConfig } from '../../config/load-config.ts';
import { projectPath } from '../../files/project-root.ts';
import { runNightly } from './nightly.ts';

export const SAMPLE_DIR = projectPath('sample-data/');
/** The last day of the committed sample (see the sample-data script in package.json). */
export const SAMPLE_LAST_DAY = '2026-11-21';

export default async function demo(opts: { out: string }, command: Command): Promise<void> {
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
}
