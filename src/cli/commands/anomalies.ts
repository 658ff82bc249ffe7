/** `callq anomalies [--date D]`: run the marketing-audit rules for a day, or every day of the data. */
import type { Command } from 'commander';
import { parseDay } from '../parse-day.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerAnomalies(program: Command): void {
  program
    .command('anomalies')
    .description('find marketing-audit anomalies (docs/anomaly-rules.md) for a day, or for every day in the data')
    .option('--date <day>', 'local day YYYY-MM-DD (default: every day in the data)', parseDay)
    .action(lazyAction(() => import('../actions/anomalies.ts')));
}
