/**
 * The report definitions under reports/ and queries/reports/ hold together: layouts parse,
 * every query file exists and is used, every label has both languages, every chart spec is
 * bound by a layout, and every spec renders without a vega or vega-lite warning.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listChartSpecs, readChartSpec, readLayouts } from '../../src/reports/report-files.ts';
import { usedQueries, type ChartItem } from '../../src/reports/report-layout.ts';
import { LANGS, labelRefs, loadDictionary, translator } from '../../src/reports/i18n.ts';
import { QUERIES_DIR } from '../../src/db/sql-files.ts';
import { MEASURES } from '../../src/metrics/measures.ts';
import { renderChart } from '../../src/reports/render-chart.ts';
import { reportParams } from '../../src/reports/report-params.ts';
import { runReportQueries } from '../../src/reports/run-report-queries.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { numericParams } from '../../src/reports/spec-params.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';

const layouts = readLayouts();
const dictionary = loadDictionary();
const chartItems = layouts.flatMap((layout) =>
  layout.sections.flatMap((s) =>
    s.items.filter((i): i is ChartItem => i.type === 'chart').map((item) => ({ layout, item })),
  ),
);

/** Every label key a layout names (titles, notes, column labels, KPI measures). */
function layoutLabelKeys(): string[] {
  const keys: string[] = [];
  for (const layout of layouts) {
    keys.push(layout.title, layout.audience);
    for (const section of layout.sections) {
      keys.push(section.title, ...(section.intro ? [section.intro] : []));
      for (const item of section.items) {
        if (item.type === 'note') keys.push(item.text);
        if (item.type === 'kpis') keys.push(...item.measures.map((m) => `measure.${m.name}`));
        if (item.type === 'chart' || item.type === 'table') keys.push(item.title, ...(item.note ? [item.note] : []));
        if (item.type === 'table') {
          for (const c of item.columns) {
            keys.push(c.label ?? (`col.${c.field}` in dictionary ? `col.${c.field}` : `measure.${c.field}`));
            if (c.sub) keys.push(c.sub.text);
          }
        }
      }
    }
  }
  return keys;
}

describe('report definitions', () => {
  it('define the three reports of docs/reports.md', () => {
    expect(layouts.map((l) => l.file)).toEqual(['nightly.html', 'anomalies.html', 'coaching.html']);
  });

  it('name query files that exist, and use every query they declare', () => {
    for (const layout of layouts) {
      for (const file of Object.values(layout.queries))
        expect(existsSync(join(QUERIES_DIR, 'reports', file)), file).toBe(true);
      expect(usedQueries(layout).sort()).toEqual(Object.keys(layout.queries).sort());
    }
  });

  it('have every label in English and Chinese', () => {
    const missing = [
      ...layoutLabelKeys(),
      ...listChartSpecs().flatMap((spec) => labelRefs(readChartSpec(spec))),
    ].filter((key) => !(key in dictionary));
    expect(missing).toEqual([]);
    for (const [key, entry] of Object.entries(dictionary)) {
      for (const lang of LANGS) expect(entry[lang]?.trim(), `${key} ${lang}`).toBeTruthy();
    }
  });

  it('label every measure and unit of the glossary source', () => {
    expect(MEASURES.map((m) => m.name).filter((name) => !(`measure.${name}` in dictionary))).toEqual([]);
    expect([...new Set(MEASURES.map((m) => m.unit))].filter((unit) => !(`unit.${unit}` in dictionary))).toEqual([]);
  });

  it('bind every chart spec under reports/ to a layout item', () => {
    expect(listChartSpecs()).toEqual([...new Set(chartItems.map(({ item }) => item.spec))].sort());
  });
});

describe('every chart spec', () => {
  it('renders on the fixture centre without a warning, in both languages', async () => {
    await withReportFixture(async (db) => {
      const params = reportParams(REPORT_DAY, parseConfig({ timezone: 'Asia/Shanghai' }));
      for (const layout of layouts) {
        const results = await runReportQueries(db, layout, params, false);
        for (const { item } of chartItems.filter((c) => c.layout === layout)) {
          const datasets = Object.fromEntries(
            Object.entries(item.data).map(([name, query]) => [name, results[query]!.rows]),
          );
          expect(
            Object.values(datasets).some((rows) => rows.length > 0),
            `${item.spec} has data in the fixture`,
          ).toBe(true);
          for (const lang of LANGS) {
            const chart = await renderChart(
              readChartSpec(item.spec),
              datasets,
              translator(lang),
              `chart-${item.id}`,
              numericParams(params),
            );
            expect(chart.warnings, `${item.spec} (${lang})`).toEqual([]);
            expect(chart.svg).toMatch(/^<svg [^>]*class="marks"/);
          }
        }
      }
    });
  });
});
