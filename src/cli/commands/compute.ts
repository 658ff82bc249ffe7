/** `callq compute [--date D]`: build the derived tables (every day, or what day D touches). */
import type { Command } from 'commander';
import { parseDay } from '../parse-day.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerCompute(program: Command): void {
  program
    .command('compute')
    .description('compute the facts and daily marts; with --date, only what that local day touches')
    .option(
      '--date <day>',
      'local day YYYY-MM-DD (recompute that day, the windows ending on it, and earlier FCR it settles)',
      parseDay,
    )
    .action(lazyAction(() => import('../actions/compute.ts')));
}
