/**
 * The reports on paper and on a phone, in Debian's chromium (as browser.test.ts), on the
 * fixture centre. Printed (page.pdf, A4 landscape from the page's CSS; its text read by
 * pdf-text.ts): every column header of every table is in the PDF and no table is wider than
 * the page, each title is on the page of its chart or of its table's header, and the tooltip
 * and the scroll cue are not printed. At 390 px: no page scrolls sideways, the tiles are two per row and none is
 * wider than the screen, and a wide table says that it scrolls (an edge shadow and a line
 * above it while more columns lie to the right).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { translator } from '../../src/reports/i18n.ts';
import { renderChart } from '../../src/reports/render-chart.ts';
import { readChartSpec } from '../../src/reports/report-files.ts';
import { renderReports } from '../../src/reports/render-reports.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';
import { SKIP_BROWSER_REASON, launchChromium } from './chromium.ts';
import { pdfHasText, pdfText } from './pdf-text.ts';

const REPORTS = ['nightly', 'anomalies', 'coaching'];
/** The width of an A4 landscape page less the CSS @page margins (297 mm − 2 × 12 mm) in CSS px. */
const PRINT_WIDTH = Math.floor((273 / 25.4) * 96);

describe.skipIf(SKIP_BROWSER_REASON !== undefined)(
  `reports printed and on a phone, in chromium${SKIP_BROWSER_REASON ? ` (skipped: ${SKIP_BROWSER_REASON})` : ''}`,
  () => {
    let browser: Browser;
    const out = mkdtempSync(join(tmpdir(), 'callq-print-phone-'));
    const file = (report: string) => join(out, REPORT_DAY, `${report}.html`);

    beforeAll(async () => {
      await withReportFixture((db) =>
        renderReports(db, parseConfig({ timezone: 'Asia/Shanghai' }), { day: REPORT_DAY, outDir: out }),
      );
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      rmSync(out, { recursive: true, force: true });
    });

    async function open(report: string, width: number): Promise<Page> {
      const context = await browser.newContext({ viewport: { width, height: 844 } });
      const own = pathToFileURL(file(report)).href;
      await context.route('**/*', (route) => (route.request().url() === own ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.goto(own);
      await page.waitForFunction(() => document.querySelectorAll('.chart-static').length === 0, undefined, {
        timeout: 20_000,
      });
      return page;
    }

    /** Each table's id, its title and its column headers, as the page shows them. */
    const tableHeaders = (page: Page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('table.data-table')].map((table) => ({
          id: table.id,
          title: table.closest('.item-block')!.querySelector('h3')!.textContent!.trim(),
          headers: [...table.querySelectorAll(':scope > thead th')].map((th) => th.textContent!.trim()),
        })),
      );

    for (const report of REPORTS) {
      it(`${report}.html printed: every column header of every table, and each title on the page of its chart or table`, async () => {
        const page = await open(report, 1200);
        const tables = await tableHeaders(page);
        expect(tables.length).toBeGreaterThan(0);
        const figures = await page.evaluate(() =>
          [...document.querySelectorAll('figure[data-chart]')].map((figure) => ({
            title: figure.querySelector('h3')!.textContent!.trim(),
            // The chart's own first words (an axis or legend title), drawn as text in the PDF.
            chart: [...figure.querySelectorAll('.chart-live svg text')]
              .map((t) => t.textContent!.trim())
              .find((t) => /\p{L}{2}/u.test(t))!,
          })),
        );
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const pages = pdfText(pdf).split('\n');
        const text = pages.join('\n');

        for (const { id, title, headers } of tables) {
          expect(headers.length, id).toBeGreaterThan(0);
          const missing = headers.filter((header) => !pdfHasText(text, header));
          expect(missing, `${report} ${id}`).toEqual([]);
          const together = pages.some((p) => pdfHasText(p, title) && pdfHasText(p, headers.join('')));
          expect(together, `${report}: "${title}" on the page of its table's header`).toBe(true);
        }
        expect(tables.map((t) => t.id)).toEqual(
          expect.arrayContaining(
            { nightly: ['table-teams', 'table-top_anomalies'], anomalies: ['table-cases', 'table-rule_catalogue'] }[
              report
            ] ?? [],
          ),
        );
        for (const { title, chart } of figures) {
          expect(chart, title).toBeTruthy();
          const together = pages.some((p) => pdfHasText(p, title) && pdfHasText(p, chart));
          expect(together, `${report}: "${title}" on the page of its chart ("${chart}")`).toBe(true);
        }
        // Nothing hovers on paper: the scroll cue and the charts' hover hints are not printed.
        for (const hidden of ['Scroll sideways for more columns', 'Hover'])
          expect(pdfHasText(text, hidden), `${report}: "${hidden}" printed`).toBe(false);
        await page.context().close();
      });

      it(`${report}.html in print media at the page's width: no table is wider than the page, no tooltip shows`, async () => {
        const page = await open(report, PRINT_WIDTH);
        await page.emulateMedia({ media: 'print' });
        // Every table, the evidence tables in the cases' detail rows too (printed open).
        const overflowing = await page.evaluate(() =>
          [...document.querySelectorAll('table')]
            .filter((table) => table.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map((table) => table.id || table.className),
        );
        expect(overflowing).toEqual([]);
        if (report === 'anomalies') expect(await page.locator('table.evidence-table').first().isVisible()).toBe(true);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PRINT_WIDTH);
        // A headline tile is never cut between two pages (the sample's 13 tiles fill three rows).
        const cut = await page.evaluate(
          () =>
            [...document.querySelectorAll('.kpi')].filter((tile) => getComputedStyle(tile).breakInside !== 'avoid')
              .length,
        );
        expect(cut).toBe(0);
        // Vega's tooltip, as a hover leaves it, is not printed.
        await page.evaluate(() => {
          const tooltip = document.createElement('div');
          tooltip.id = 'vg-tooltip-element';
          tooltip.className = 'vg-tooltip visible';
          tooltip.textContent = 'hover text';
          document.body.append(tooltip);
        });
        expect(await page.locator('#vg-tooltip-element').isVisible()).toBe(false);
        await page.emulateMedia({ media: 'screen' });
        expect(await page.locator('#vg-tooltip-element').isVisible()).toBe(true);
        await page.context().close();
      });

      it(`${report}.html at 390 px does not scroll sideways`, async () => {
        const page = await open(report, 390);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await page.context().close();
      });
    }

    it('nightly.html at 390 px: tiles two per row, none wider than the screen', async () => {
      const page = await open('nightly', 390);
      const tiles = await page.evaluate(() =>
        [...document.querySelectorAll('.kpi')].map((tile) => {
          const box = tile.getBoundingClientRect();
          return { left: box.left, right: box.right, top: Math.round(box.top), width: box.width };
        }),
      );
      expect(tiles).toHaveLength(13);
      for (const tile of tiles) {
        expect(tile.left).toBeGreaterThanOrEqual(0);
        expect(tile.right).toBeLessThanOrEqual(390);
        // Two to a row, with the gap between them: under half the screen each.
        expect(tile.width).toBeLessThan(195);
        expect(tile.width).toBeGreaterThan(120);
      }
      // 13 tiles: six rows of two side by side, then one.
      const rows = [...new Set(tiles.map((tile) => tile.top))].map((top) => tiles.filter((t) => t.top === top).length);
      expect(rows).toEqual([2, 2, 2, 2, 2, 2, 1]);
      await page.context().close();
    });

    it('a table wider than a phone says that it scrolls, until scrolled to its end; one that fits does not', async () => {
      const page = await open('nightly', 390);
      const teams = page.locator('.table-block[data-table="teams"]');
      const box = teams.locator('.table-scroll');
      const hint = teams.locator('.scroll-hint');
      expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await hint.isVisible()).toBe(true);
      expect(await hint.textContent()).toBe('Scroll sideways for more columns →');
      // The hint stays in view at the box's left edge, above the table.
      const [hintBox, tableBox] = [await hint.boundingBox(), await teams.locator('table').boundingBox()];
      expect(hintBox!.y + hintBox!.height).toBeLessThanOrEqual(tableBox!.y + 0.5);
      expect(await box.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('radial-gradient');
      await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await expect.poll(() => hint.isVisible()).toBe(false);
      await page.context().close();

      const wide = await open('nightly', 1200);
      const fits = wide.locator('.table-block[data-table="teams"]');
      expect(await fits.locator('.table-scroll').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
      expect(await fits.locator('.scroll-hint').isVisible()).toBe(false);
      await wide.context().close();
    });
  },
);

describe("the nightly page's intraday volume chart", () => {
  it('ends its y scale at a labelled tick above the top bar, not at the bar', async () => {
    // 24 calls in the busiest interval: the scale is niced to steps of 5, 0 to 25, so the
    // top bar (24) stays below the top tick (25) instead of touching the chart's frame.
    const intervals = [
      { interval_start: '09:00', inbound_calls: 24, usual_inbound_calls: 11.5, answered_inbound: 22, abandoned: 2 },
      { interval_start: '09:30', inbound_calls: 7, usual_inbound_calls: 9, answered_inbound: 7, abandoned: 0 },
    ];
    const spec = readChartSpec('nightly/intraday-volume.vl.json');
    const { svg, warnings } = await renderChart(spec, { intervals }, translator('en'), 'chart-t');
    expect(warnings).toEqual([]);
    const numbers = [...svg.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(Math.max(...numbers)).toBe(25);
  });
});
