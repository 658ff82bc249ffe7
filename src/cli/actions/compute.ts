/** What `callq compute` does (its options: commands/compute.ts). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { computeMetrics } from '../../metrics/compute.ts';

export default async function compute(opts: { date?: string }, command: Command): Promise<void> {
  await withContext(command, async ({ db, config, say, progress }) => {
    const result = await computeMetrics(db, config, {
      date: opts.date,
      onStep: (_model, index, total) => progress.update('compute', index, total, 'models'),
    });
    progress.done();
    const what = result.mode === 'full' ? 'every day' : `${result.day} (days from ${result.scope.marts.from})`;
    say(
      `computed ${what} in ${result.ms} ms: ${result.counts.call_facts} calls, ${result.counts.agent_daily} agent-days`,
    );
  });
}
