/** What `callq anomalies` does (its options: commands/anomalies.ts). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { recordRun } from '../../db/record-run.ts';
import { detectAnomalies } from '../../anomalies/detect.ts';
import type { CaseSummary } from '../../cases/refresh-cases.ts';

export default async function anomalies(opts: { date?: string }, command: Command): Promise<void> {
  await withContext(command, async ({ db, config, say, progress }) => {
    const result = await recordRun(db, { command: 'anomalies', day: opts.date ?? null }, async () => {
      const detected = await detectAnomalies(db, config, {
        day: opts.date,
        onRule: (rule, index, total) => progress.update(`anomalies: ${rule}`, index, total, 'rules'),
      });
      progress.done();
      return { result: detected, counts: { ...detected.counts, skipped: detected.skipped.map((s) => s.rule) } };
    });
    if (!result.range) {
      say('no data: load some calls first');
      return;
    }
    const total = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
    const span =
      result.range.from === result.range.to ? result.range.from : `${result.range.from} to ${result.range.to}`;
    say(`anomalies ${span}: ${total} found`);
    for (const [rule, n] of Object.entries(result.counts)) say(`  ${rule.padEnd(22)} ${n}`);
    for (const { rule, missing } of result.skipped)
      say(`  ${rule.padEnd(22)} skipped: needs ${missing.join(', ')} (run callq compute first)`);
    if (result.cases) say(casesLine(result.cases));
  });
}

/** The desk's cases after a detection, in one line (anomalies and nightly print it). */
export function casesLine({ asOf, states }: CaseSummary): string {
  return `cases as of ${asOf}: ${states.new} new, ${states.reopened} reopened, ${states.ongoing} ongoing, ${states.cleared} cleared`;
}
