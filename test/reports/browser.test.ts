/**
 * The reports in a real browser (Debian's chromium, headless): they load with every network
 * request blocked and none attempted, no console error, charts visible with JavaScript on and
 * off, the anomalies page's filters and sorting work on its cases, and hostile names and comments
 * in the data run nothing. The audit desk's round trip is in audit-desk.browser.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReports } from '../../src/reports/render-reports.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';
import { SKIP_BROWSER_REASON, launchChromium } from './chromium.ts';

const REPORTS = ['nightly.html', 'anomalies.html', 'coaching.html'];
const FULL_PHONES = ['13912345678', '13800138000', '13700001111'];

interface Visit {
  page: Page;
  /** Every request the page attempted (the page's own file included). */
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
}

describe.skipIf(SKIP_BROWSER_REASON !== undefined)(
  `reports in chromium${SKIP_BROWSER_REASON ? ` (skipped: ${SKIP_BROWSER_REASON})` : ''}`,
  () => {
    let browser: Browser;
    const out = mkdtempSync(join(tmpdir(), 'callq-browser-'));
    const masked = join(out, 'masked', REPORT_DAY);
    const shown = join(out, 'shown', REPORT_DAY);

    beforeAll(async () => {
      const config = parseConfig({ timezone: 'Asia/Shanghai' });
      await withReportFixture(async (db) => {
        await renderReports(db, config, { day: REPORT_DAY, outDir: join(out, 'masked') });
        await renderReports(db, config, { day: REPORT_DAY, outDir: join(out, 'shown'), showPersonalData: true });
      });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      rmSync(out, { recursive: true, force: true });
    });

    async function visit(file: string, javaScriptEnabled = true, width = 1200): Promise<Visit> {
      const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const visit: Visit = { page, requests: [], consoleErrors: [], dialogs: [] };
      const own = pathToFileURL(file).href;
      // Block everything but the report itself; the request listener below still sees any attempt.
      await context.route('**/*', (route) => (route.request().url() === own ? route.continue() : route.abort()));
      page.on('request', (request) => visit.requests.push(request.url()));
      page.on('console', (message) => message.type() === 'error' && visit.consoleErrors.push(message.text()));
      page.on('pageerror', (error) => visit.consoleErrors.push(error.message));
      page.on('dialog', (dialog) => {
        visit.dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(own);
      if (javaScriptEnabled) {
        // vega-embed swaps each static chart for a live one; wait until every figure has.
        await page.waitForFunction(() => document.querySelectorAll('.chart-static').length === 0, undefined, {
          timeout: 20_000,
        });
      }
      return visit;
    }

    for (const report of REPORTS) {
      it(`${report} loads offline: no request beyond its own file, no console error`, async () => {
        const v = await visit(join(masked, report));
        expect(v.requests).toEqual([pathToFileURL(join(masked, report)).href]);
        expect(v.consoleErrors).toEqual([]);
        await v.page.context().close();
      });

      it(`${report} shows every chart with JavaScript (live) and without it (static SVG)`, async () => {
        for (const js of [true, false]) {
          const v = await visit(join(masked, report), js);
          const figures = v.page.locator('figure[data-chart]');
          const count = await figures.count();
          expect(count).toBeGreaterThan(0);
          for (let i = 0; i < count; i++) {
            const svg = figures.nth(i).locator(js ? '.chart-live svg' : '.chart-static svg');
            await expect.poll(() => svg.isVisible(), { message: `${report} chart ${i} (js ${js})` }).toBe(true);
            const box = await svg.boundingBox();
            expect(box!.width).toBeGreaterThan(50);
            expect(box!.height).toBeGreaterThan(30);
          }
          await v.page.context().close();
        }
      });

      it(`${report} runs nothing from hostile names or comments, even with personal data shown`, async () => {
        for (const dir of [masked, shown]) {
          const v = await visit(join(dir, report));
          // Hover marks so tooltips render names too.
          for (const mark of (await v.page.locator('.chart-live path[role="graphics-symbol"]').all()).slice(0, 40)) {
            await mark.hover({ force: true, timeout: 500 }).catch(() => undefined);
          }
          expect(await v.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
          expect(await v.page.locator('img').count()).toBe(0);
          expect(v.dialogs).toEqual([]);
          expect(v.requests).toHaveLength(1);
          await v.page.context().close();
        }
      });

      it(`${report} never shows a full phone number by default`, async () => {
        const v = await visit(join(masked, report));
        const text = await v.page.content();
        for (const phone of FULL_PHONES) expect(text).not.toContain(phone);
        await v.page.context().close();
      });
    }

    it('nightly.html: the headline tiles render with their targets, and at 390 px none is wider than the screen', async () => {
      for (const width of [1200, 390]) {
        const v = await visit(join(masked, 'nightly.html'), false, width);
        const tiles = await v.page.evaluate(() =>
          [...document.querySelectorAll('.kpi')].map((tile) => {
            const box = tile.getBoundingClientRect();
            return {
              left: box.left,
              right: box.right,
              top: box.top,
              visible: box.width > 0 && box.height > 0,
              text: (tile as HTMLElement).textContent,
            };
          }),
        );
        const screen = await v.page.evaluate(() => document.documentElement.clientWidth);
        expect(tiles).toHaveLength(13);
        for (const tile of tiles) {
          expect(tile.visible).toBe(true);
          expect(tile.left).toBeGreaterThanOrEqual(0);
          expect(tile.right).toBeLessThanOrEqual(screen);
        }
        expect(tiles.find((t) => t.text.startsWith('CSAT'))?.text).toContain('Target ≥ 4.20 · met');
        // On a phone the tiles are two per row.
        if (width === 390) expect(tiles[1]!.top).toBe(tiles[0]!.top);
        await v.page.context().close();
      }
    });

    it('nightly.html: a tooltip shows a hostile agent name as text', async () => {
      const v = await visit(join(masked, 'nightly.html'));
      // In the talk-vs-conversion scatter, A2 (the <img onerror> name) is the point at talk ratio 55%.
      const points = v.page.locator(
        '#fig-talk_vs_conversion .chart-live path[role="graphics-symbol"][aria-label*="Talk ratio: 55%"]',
      );
      await points.first().hover({ force: true });
      const tooltip = v.page.locator('#vg-tooltip-element');
      await expect.poll(() => tooltip.textContent()).toContain('<img src=x onerror="window.__xss = 1"> (A2)');
      expect(await tooltip.locator('img').count()).toBe(0);
      expect(await v.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      await v.page.context().close();
    });

    it("anomalies.html: filtering by rule leaves only that rule's cases, each with its detail row", async () => {
      const v = await visit(join(masked, 'anomalies.html'));
      const rows = v.page.locator('#table-cases tbody tr[id]:visible');
      expect(await rows.count()).toBe(9);
      await v.page.locator('#cases .filters label', { hasText: 'Rule' }).locator('select').selectOption('short sale');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute('id')).toBe('c-3');
      expect(await v.page.locator('#table-cases tbody tr.detail:visible').count()).toBe(1);
      await expect.poll(() => v.page.locator('#cases .row-count').first().textContent()).toBe('1 of 9 rows shown');
      await v.page.context().close();
    });

    it('anomalies.html: a header click sorts the cases by that column, details moving with their cases', async () => {
      const v = await visit(join(masked, 'anomalies.html'));
      const scoreHeader = v.page.locator('#table-cases thead th', { hasText: 'Score' });
      const ids = () => v.page.locator('#table-cases tbody tr[id]').evaluateAll((trs) => trs.map((tr) => tr.id));
      const detailsFollow = () =>
        v.page
          .locator('#table-cases tbody tr[id]')
          .evaluateAll((trs) => trs.every((tr) => tr.nextElementSibling?.classList.contains('detail')));
      await scoreHeader.click();
      // Scores (fixtures/cases.sql): 9 1, 5 1, 7 1.43, 1 1.49, 2 1.67, 3 1.97, 6 2, 8 2.1, 4 2.17; ties keep the page's order.
      expect(await ids()).toEqual(['c-9', 'c-5', 'c-7', 'c-1', 'c-2', 'c-3', 'c-6', 'c-8', 'c-4']);
      expect(await detailsFollow()).toBe(true);
      await scoreHeader.click();
      expect(await ids()).toEqual(['c-4', 'c-8', 'c-6', 'c-3', 'c-2', 'c-1', 'c-7', 'c-9', 'c-5']);
      expect(await detailsFollow()).toBe(true);
      await v.page.context().close();
    });

    it('anomalies.html without JavaScript: every case is there; filters, review controls and the sheet are hidden', async () => {
      const v = await visit(join(masked, 'anomalies.html'), false);
      expect(await v.page.locator('#table-cases tbody tr[id]:visible').count()).toBe(9);
      expect(await v.page.locator('.filters').first().isVisible()).toBe(false);
      expect(await v.page.locator('.sheet-tools').isVisible()).toBe(false);
      expect(await v.page.locator('.review-controls:visible').count()).toBe(0);
      // Evidence opens natively.
      await v.page.locator('#c-7 + tr.detail summary').click();
      expect(await v.page.locator('#c-7 + tr.detail .evidence-table').isVisible()).toBe(true);
      await v.page.context().close();
    });
  },
);
