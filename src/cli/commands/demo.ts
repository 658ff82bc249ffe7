/**
 * `callq demo`: the nightly job on the bundled sample centre, for its last day, into its
 * own database under out/, so `npm ci && npm start` shows what callq does on a fresh machine.
 */
import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the nightly job on the bundled sample data (sample-data/) for its last day')
    .option('--out <dir>', 'output folder', 'out')
    .action(lazyAction(() => import('../actions/demo.ts')));
}
