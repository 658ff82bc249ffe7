/**
 * `callq report [--date D] [--out DIR] [--lang en|zh-CN] [--show-personal-data]`: render the
 * nightly, anomalies and coaching reports of one day from the derived tables into DIR/<day>/.
 * It only reads the database (read-only, beside other readers), so it is not a row of
 * `runs`; the report a nightly renders is.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseDay } from '../parse-day.ts';
import { LANGS } from '../../reports/i18n.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render the nightly, anomalies and coaching reports of a day as self-contained HTML')
    .option('--date <day>', 'report day YYYY-MM-DD (default: the latest computed day)', parseDay)
    .option('--out <dir>', 'output folder; reports go to <dir>/<day>/', 'out')
    .addOption(new Option('--lang <lang>', 'label language').choices([...LANGS]).default('en'))
    .option('--show-personal-data', "show full phone numbers and customers' comments (masked by default)")
    .action(lazyAction(() => import('../actions/report.ts')));
}
