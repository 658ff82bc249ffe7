/** `callq compute [--date D]`: build the derived tables (every day, or what day D touches). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { parseDay } from '../parse-day.ts';
import { computeMetrics } from '../../metrics/compute.ts';

export function registerCompute(program: Command): void {
  program
    .command('compute')
    .description('compute the facts and daily marts; with --date, only what that local day touches')
    .option('--date <day>', 'local day YYYY-MM-DD (recompute that day, the windows ending on it, and earlier FCR it settles)', parseDay)
    .action(async (opts: { date?: string }, command: Command) => {
      await withContext(command, async ({ db, config, say, progress }) => {
        const result = await computeMetrics(db, config, {
          date: opts.date,
          onStep: (_model, index, total) => progress.update('compute', index, total, 'models'),
        });
        progress.done();
        const what = result.mode === 'full' ? 'every day' : `${result.day} (days from ${result.scope.marts.from})`;
        say(`computed ${what} in ${result.ms} ms: ${result.counts.call_facts} calls, ${result.counts.agent_daily} agent-days`);
      });
    });
}
