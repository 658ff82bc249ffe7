/**
 * `callq report [--date D] [--out DIR] [--lang en|zh-CN] [--show-personal-data]`: render the
 * nightly, anomalies and coaching reports of one day from the derived tables into DIR/<day>/.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { recordRun } from '../../db/record-run.ts';
import { latestReportDay, renderReports } from '../../reports/render-reports.ts';
import { LANGS, type Lang } from '../../reports/i18n.ts';

interface ReportOptions {
  date?: string;
  out: string;
  lang: Lang;
  showPersonalData?: boolean;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('render the nightly, anomalies and coaching reports of a day as self-contained HTML')
    .option('--date <day>', 'report day YYYY-MM-DD (default: the latest computed day)')
    .option('--out <dir>', 'output folder; reports go to <dir>/<day>/', 'out')
    .addOption(new Option('--lang <lang>', 'label language').choices([...LANGS]).default('en'))
    .option('--show-personal-data', 'show full phone numbers and customers\' comments (masked by default)')
    .action(async (opts: ReportOptions, command: Command) => {
      if (opts.date !== undefined && !isDay(opts.date)) throw new UsageError(`--date ${opts.date}: expected a day as YYYY-MM-DD`);
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

function isDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
