/**
 * `callq report [--date D] [--out DIR] [--lang en|zh-CN] [--show-personal-data]`: render the
 * nightly, anomalies and coaching reports of one day from the derived tables into DIR/<day>/.
 * It only reads the database (read-only, beside other readers), so it is not a row of
 * `runs`; the report a nightly renders is.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext } from '../context.ts';
import { parseDay } from '../parse-day.ts';
import { latestReportDay, renderReports } from '../../reports/render-reports.ts';
import { LANGS, type Lang } from '../../reports/i18n.ts';

interface ReportOptions {
  date?: string;
  out: string;
  lang: Lang;
  showPersonalData?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render the nightly, anomalies and coaching reports of a day as self-contained HTML')
    .option('--date <day>', 'report day YYYY-MM-DD (default: the latest computed day)', parseDay)
    .option('--out <dir>', 'output folder; reports go to <dir>/<day>/', 'out')
    .addOption(new Option('--lang <lang>', 'label language').choices([...LANGS]).default('en'))
    .option('--show-personal-data', 'show full phone numbers and customers\' comments (masked by default)')
    .action(async (opts: ReportOptions, command: Command) => {
      await withContext(command, async ({ db, config, say, options }) => {
        const result = await renderReports(db, config, {
          day: opts.date ?? (await latestReportDay(db)),
          outDir: opts.out,
          lang: opts.lang,
          showPersonalData: opts.showPersonalData ?? false,
        });
        printChartWarnings(result.warnings, options.verbose);
        for (const file of result.files) say(file);
      }, { readOnly: true });
    });
}

/**
 * Vega's notes on a chart (an "Infinite extent" when a series has no values) are for
 * whoever works on the report definitions, not for the manager reading cron's mail:
 * --verbose only.
 */
export function printChartWarnings(warnings: readonly string[], verbose: boolean | undefined): void {
  if (verbose) for (const warning of warnings) process.stderr.write(`callq: chart warning: ${warning}\n`);
}
