/**
 * `callq report [--date D] [--out DIR] [--lang en|zh-CN] [--show-personal-data]`: render the
 * nightly, anomalies and coaching reports of one day from the derived tables into DIR/<day>/.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext } from '../context.ts';
import { parseDay } from '../parse-day.ts';
import { recordRun } from '../../db/record-run.ts';
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
      await withContext(command, async ({ db, config, say }) => {
        const day = opts.date ?? (await latestReportDay(db));
        const result = await recordRun(db, 'report', day, async () => {
          const rendered = await renderReports(db, config, {
            day,
            outDir: opts.out,
            lang: opts.lang,
            showPersonalData: opts.showPersonalData ?? false,
          });
          return { result: rendered, counts: { day: rendered.day, files: rendered.files.length, warnings: rendered.warnings.length } };
        });
        for (const warning of result.warnings) process.stderr.write(`callq: chart warning: ${warning}\n`);
        for (const file of result.files) say(file);
      });
    });
}
