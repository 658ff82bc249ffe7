/**
 * Renders every report defined under reports/ for one day into <outDir>/<day>/: runs each
 * layout's queries against the derived tables, renders its charts to SVG, assembles the
 * page and writes it (and any CSV beside it) atomically. `callq report` and the nightly
 * job both call this.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import type { Config } from '../config/config-schema.ts';
import { translator, type Lang, type Translator } from './i18n.ts';
import type { ReportRow } from './mask-personal-data.ts';
import { readChartSpec, readLayouts } from './report-files.ts';
import { nestedFields, type ReportLayout } from './report-layout.ts';
import { reportParams } from './report-params.ts';
import { runReportQueries, type QueryResults } from './run-report-queries.ts';
import { renderChart, type Datasets, type RenderedChart } from './render-chart.ts';
import { renderPage } from './render-page.ts';
import { numericParams } from './spec-params.ts';
import { rowsToCsv } from './rows-to-csv.ts';
import { writeFileAtomic } from '../files/write-file-atomic.ts';
import { writeExplanations } from './explanations.ts';
import { withCjkFont } from './fonts/cjk-font.ts';

export interface RenderOptions {
  /** The report day (YYYY-MM-DD); default: the latest day in center_daily. */
  day?: string;
  outDir: string;
  lang?: Lang;
  showPersonalData?: boolean;
  /** The generated-at time (tests pin it). */
  now?: Date;
}

export interface RenderResult {
  day: string;
  files: string[];
  /** Warnings from vega-lite / vega while rendering charts (chart id: message). */
  warnings: string[];
}

export async function renderReports(db: Database, config: Config, options: RenderOptions): Promise<RenderResult> {
  const day = options.day ?? (await latestReportDay(db));
  const tr: Translator = { ...translator(options.lang ?? 'en'), currency: config.currency };
  const showPersonalData = options.showPersonalData ?? false;
  const layouts = readLayouts();
  const params = reportParams(day, config);
  const dir = join(options.outDir, day);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const warnings: string[] = [];

  for (const layout of layouts) {
    const results = await runReportQueries(db, layout, params, showPersonalData);
    writeExplanations(results, tr);
    const charts = await renderCharts(layout, results, tr, numericParams(params), warnings);
    const page = renderPage({
      layout,
      layouts,
      results,
      charts,
      tr,
      day,
      timezone: config.timezone,
      config,
      showPersonalData,
      generatedAt: options.now ?? new Date(),
    });
    const pagePath = join(dir, layout.file);
    writeFileAtomic(pagePath, await withCjkFont(page));
    files.push(pagePath);
    for (const section of layout.sections) {
      for (const item of section.items) {
        if (item.type !== 'table' || !item.csv) continue;
        const result = results[item.query]!;
        const csvPath = join(dir, item.csv);
        const nested = nestedFields(item);
        writeFileAtomic(
          csvPath,
          rowsToCsv(
            result.columns.filter((c) => !nested.has(c)),
            result.rows,
          ),
        );
        files.push(csvPath);
      }
    }
  }
  return { day, files, warnings };
}

/** Charts whose datasets are all empty are left out (the page says there is no data). */
async function renderCharts(
  layout: ReportLayout,
  results: QueryResults,
  tr: Translator,
  values: Record<string, number>,
  warnings: string[],
): Promise<Map<string, RenderedChart>> {
  const charts = new Map<string, RenderedChart>();
  for (const section of layout.sections) {
    for (const item of section.items) {
      if (item.type !== 'chart') continue;
      const datasets: Datasets = Object.fromEntries(
        Object.entries(item.data).map(([dataset, query]) => [dataset, labelled(results[query]!.rows, item.labels, tr)]),
      );
      if (Object.values(datasets).every((rows) => rows.length === 0)) continue;
      const chart = await renderChart(readChartSpec(item.spec), datasets, tr, `chart-${item.id}`, values);
      warnings.push(...chart.warnings.map((w) => `${layout.name}/${item.id}: ${w}`));
      charts.set(item.id, chart);
    }
  }
  return charts;
}

/** Rows with categorical codes (rule, stage, severity) replaced by their labels for display. */
function labelled(rows: ReportRow[], labels: Record<string, string> | undefined, tr: Translator): ReportRow[] {
  if (!labels) return rows;
  return rows.map((row) => {
    const copy = { ...row };
    for (const [field, prefix] of Object.entries(labels)) {
      const key = `${prefix}.${String(row[field])}`;
      if (tr.has(key)) copy[field] = tr.t(key);
    }
    return copy;
  });
}

/** The latest day with computed marts: the default report day. */
export async function latestReportDay(db: Database): Promise<string> {
  if (!(await db.tableExists('center_daily'))) {
    throw new Error('no derived tables yet: run `callq compute` before `callq report`');
  }
  const rows = await db.query<{ day: string | null }>('select max(day) as day from center_daily');
  const day = rows[0]?.day;
  if (!day) throw new Error('center_daily is empty: load data and run `callq compute` first');
  return day;
}
