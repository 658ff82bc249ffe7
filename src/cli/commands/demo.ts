/**
 * `callq demo`: the bundled sample centre end to end, into its own database under out/,
 * so `npm ci && npm start` shows what callq does on a fresh machine.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { loadConfig } from '../../config/load-config.ts';
import { discoverFiles } from '../../ingest/discover-files.ts';
import { runLoad } from './load.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('../../../sample-data/', import.meta.url));

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('load the bundled sample data (sample-data/) and summarise it')
    .option('--out <dir>', 'output folder', 'out')
    .action(async (opts: { out: string }, command: Command) => {
      const config = loadConfig(join(SAMPLE_DIR, 'callq.config.json'));
      // The demo keeps its own database so it never mixes with a real one.
      command.parent!.setOptionValue('db', join(opts.out, 'demo.duckdb'));
      await withContext(
        command,
        async (ctx) => {
          await runLoad(ctx, discoverFiles(SAMPLE_DIR).files, {}, join(opts.out, 'rejects.csv'));
          const { rows } = await ctx.db.queryWithColumns(
            `select "table", sum(rows) as rows, sum(loaded) as loaded, sum(rejects) as rejects from load_log group by all order by all`,
          );
          for (const r of rows) ctx.say(`  ${String(r.table).padEnd(12)} ${r.loaded} rows (${r.rejects} rejected)`);
        },
        config,
      );
    });
}
