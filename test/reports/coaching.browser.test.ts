/**
 * The coaching page in chromium, on the report fixture (fixtures/marts.sql: A1..A4 ranked
 * 1..4, A2 and A4 low scoring) plus an audit of an agent missing from `agents`: it opens with
 * who needs coaching, the one most in need first, ranks read "4 of 4" (never a composite
 * percentage), the page says the window in days and what shrinkage and the reasons mean in
 * plain words, and the agent missing from `agents` is listed apart as a data problem.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { renderReports } from '../../src/reports/render-reports.ts';
import { launchChromium, SKIP_BROWSER_REASON } from './chromium.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';

describe.skipIf(SKIP_BROWSER_REASON !== undefined)(
  `coaching.html in chromium${SKIP_BROWSER_REASON ? ` (skipped: ${SKIP_BROWSER_REASON})` : ''}`,
  () => {
    let browser: Browser;
    let page: Page;
    const out = mkdtempSync(join(tmpdir(), 'callq-coaching-'));

    beforeAll(async () => {
      await withReportFixture(async (db) => {
        // A9 is in no agents list: one audit in the window, no calls.
        await db.exec("insert into audit_section_scores values ('U9', 'closing', 30.0, 'A9', date '2026-11-18')");
        await renderReports(db, parseConfig({ timezone: 'Asia/Shanghai' }), { day: REPORT_DAY, outDir: out });
      });
      browser = await launchChromium();
      const context = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 1200, height: 900 } });
      const url = pathToFileURL(join(out, REPORT_DAY, 'coaching.html')).href;
      await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
      page = await context.newPage();
      await page.goto(url);
    });

    afterAll(async () => {
      await browser?.close();
      rmSync(out, { recursive: true, force: true });
    });

    /** The text of each row of a table's body, cell by cell, without the smaller text under a value. */
    const rowsOf = (table: string) =>
      page.locator(`#table-${table} tbody tr`).evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('td')].map((cell) =>
            [...cell.childNodes]
              .filter((node) => !(node instanceof HTMLElement && node.classList.contains('sub')))
              .map((node) => node.textContent)
              .join('')
              .trim(),
          ),
        ),
      );

    it('opens with who needs coaching, the lowest composite first, its rank as "n of m"', async () => {
      const first = await page.locator('main section').first().getAttribute('id');
      expect(first).toBe('low_scorers');
      const rows = await rowsOf('low_scorers');
      // A4 ranks 4th of 4 and A2 3rd: A4 needs coaching most. A2's closing (40 and 60 over two
      // audits, far below 80) is its one section; A4 has no audit.
      expect(rows.map((cells) => [cells[0], cells[1], cells[4]])).toEqual([
        ['4 of 4', 'Few Calls (A4)', '—'],
        ['3 of 4', '<img src=x onerror="window.__xss = 1"> (A2)', 'Closing'],
      ]);
    });

    it('shows the composite as a rank in the ranking, with the measures it is built from, never as a percentage', async () => {
      const ranking = await rowsOf('ranking');
      expect(ranking.map((cells) => cells[0])).toEqual(['1 of 4', '2 of 4', '3 of 4', '4 of 4']);
      expect(await page.locator('#table-ranking tbody td .sub').first().textContent()).toBe('from 5 measures');
      const headers = await page.locator('#table-ranking thead th').allInnerTexts();
      expect(headers).not.toContain('Composite');
    });

    it('says the window in days and what shrinkage and the section reasons mean, in plain words', async () => {
      const text = await page.locator('main').textContent();
      expect(text).toContain('over the 28 days ending on the report day');
      expect(text).toContain("With few calls we lean towards the team's figure");
      expect(text).toContain('even the upper end of the 90% interval');
      expect(text).toContain('service agents make no outbound sales calls, so theirs comes from four measures');
    });

    it('lists the agent missing from the agents list apart, not in the ranking', async () => {
      expect(await rowsOf('data_problems')).toEqual([['(A9)', 'not in the agents list', '0', '0', '1', '0']]);
      const ranked = (await rowsOf('ranking')).map((cells) => cells[1]);
      expect(ranked.some((agent) => agent?.includes('A9'))).toBe(false);
    });
  },
);
