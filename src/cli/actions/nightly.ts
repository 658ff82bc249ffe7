/** What `callq nightly` does (its options: commands/nightly.ts), and the run `callq demo` makes. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { withContext, type Context } from '../context.ts';
import { ExitCode } from '../../errors/usage-error.ts';
import { localYesterday } from '../local-day.ts';
import { recordRun } from '../../db/record-run.ts';
import { discoverFiles } from '../../ingest/discover-files.ts';
import { daysTouchedBy, loadsSinceLastNightly } from '../../metrics/touched-days.ts';
import { computeMetrics } from '../../metrics/compute.ts';
import { detectAnomalies } from '../../anomalies/detect.ts';
import { renderReports } from '../../reports/render-reports.ts';
import type { Lang } from '../../reports/i18n.ts';
import { runLoad } from './load.ts';
import { printChartWarnings } from './report.ts';
import { casesLine } from './anomalies.ts';
import { DERIVED_TABLES } from '../../metrics/models.ts';
import type { ExportFormat } from '../../export/export-formats.ts';
import { exportTables } from '../../export/export-tables.ts';

export interface NightlyOptions {
  input: string;
  out: string;
  date?: string;
  lang: Lang;
  showPersonalData?: boolean;
  export?: ExportFormat;
}

export interface NightlyResult {
  day: string;
  files: string[];
  rejectsOverLimit: boolean;
  /** Files skipped because they could not be applied. */
  skippedFiles: number;
}

export default async function nightly(opts: NightlyOptions, command: Command): Promise<void> {
  await withContext(command, async (ctx) => {
    const result = await runNightly(ctx, opts);
    if (result.rejectsOverLimit || result.skippedFiles > 0) process.exitCode = ExitCode.rejects;
  });
}

export async function runNightly(ctx: Context, opts: NightlyOptions): Promise<NightlyResult> {
  const { db, config, say, progress } = ctx;
  const day = opts.date ?? localYesterday(config.timezone);
  const dayDir = join(opts.out, day);
  return recordRun(db, { command: 'nightly', day }, async () => {
    // Loads that an earlier run applied and did not finish computing are this run's too.
    const owed = await loadsSinceLastNightly(db);
    const loaded = await runLoad(
      ctx,
      discoverFiles(opts.input).files,
      {},
      { rejectsCsv: join(dayDir, 'rejects.csv'), keepGoing: true, rejectsOfLoads: owed },
    );
    const newLoads = loaded.files.flatMap((f) => (f.status === 'loaded' ? [f.loadId!] : []));
    // What is new reaching other days than D (a first run, a backfill, late files) needs every day recomputed.
    const touched = await daysTouchedBy(db, [...owed, ...newLoads]);
    const full = touched.everyDay || touched.days.some((d) => d !== day);
    const computed = await computeMetrics(db, config, {
      date: full ? undefined : day,
      onStep: (model, i, n) => progress.update(`compute: ${model}`, i, n, 'models'),
    });
    progress.done();
    say(`computed ${computed.mode === 'full' ? 'every day' : day} in ${computed.ms} ms`);
    const detected = await recordRun(db, { command: 'anomalies', day: full ? null : day }, async () => {
      const result = await detectAnomalies(db, config, {
        day: full ? undefined : day,
        onRule: (rule, i, n) => progress.update(`anomalies: ${rule}`, i, n, 'rules'),
      });
      return { result, counts: result.counts };
    });
    progress.done();
    const found = Object.values(detected.counts).reduce((sum, n) => sum + n, 0);
    say(`anomalies: ${found} found${full ? ' over every day' : ` on ${day}`}`);
    if (detected.cases) say(casesLine(detected.cases));
    const rendered = await recordRun(db, { command: 'report', day }, async () => {
      const result = await renderReports(db, config, {
        day,
        outDir: opts.out,
        lang: opts.lang,
        showPersonalData: opts.showPersonalData ?? false,
      });
      return { result, counts: { files: result.files.length } };
    });
    printChartWarnings(rendered.warnings, ctx.options.verbose);
    for (const file of rendered.files) say(file);
    const exported = opts.export
      ? await exportTables(db, {
          tables: [...DERIVED_TABLES, 'anomalies', 'anomaly_cases', 'case_events'],
          format: opts.export,
          dir: join(dayDir, 'tables'),
        })
      : [];
    if (exported.length > 0) say(`exported ${exported.length} tables to ${join(dayDir, 'tables')}`);
    const files = [...rendered.files, ...exported.map((e) => e.file)];
    const result: NightlyResult = {
      day,
      files,
      rejectsOverLimit: loaded.overLimit.length > 0,
      skippedFiles: loaded.failed.length,
    };
    return {
      result,
      status: result.rejectsOverLimit || result.skippedFiles > 0 ? 'rejects' : 'done',
      counts: {
        loaded: loaded.loaded,
        rejected: loaded.rejected,
        skipped_files: loaded.failed.map((f) => f.file),
        compute: computed.mode,
        anomalies: found,
        files: files.length,
      },
    };
  });
}
