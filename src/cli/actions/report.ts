/** What `callq report` does (its options: commands/report.ts). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { latestReportDay, renderReports } from '../../reports/render-reports.ts';
import type { Lang } from '../../reports/i18n.ts';

interface ReportOptions {
  date?: string;
  out: string;
  lang: Lang;
  showPersonalData?: boolean;
}

export default async function report(opts: ReportOptions, command: Command): Promise<void> {
  await withContext(
    command,
    async ({ db, config, say, options }) => {
      const result = await renderReports(db, config, {
        day: opts.date ?? (await latestReportDay(db)),
        outDir: opts.out,
        lang: opts.lang,
        showPersonalData: opts.showPersonalData ?? false,
      });
      printChartWarnings(result.warnings, options.verbose);
      for (const file of result.files) say(file);
    },
    { readOnly: true },
  );
}

/**
 * Vega's notes on a chart (an "Infinite extent" when a series has no values) are for
 * whoever works on the report definitions, not for the manager reading cron's mail:
 * --verbose only.
 */
export function printChartWarnings(warnings: readonly string[], verbose: boolean | undefined): void {
  if (verbose) for (const warning of warnings) process.stderr.write(`callq: chart warning: ${warning}\n`);
}
