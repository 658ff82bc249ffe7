/**
 * The audit desk's round trip in a real browser (Debian's chromium, as browser.test.ts): on
 * the anomalies page of the fixture centre (fixtures/cases.sql) the desk fills verdicts for
 * the filtered cases and downloads the review sheet (no server); `callq review --file` loads
 * it; the re-rendered page shows the verdicts. Severity sorts high → medium → low in English
 * and Chinese; the CSV link downloads exactly the rows shown; printing to PDF keeps the
 * explanations and the evidence (the PDF's text is read by pdf-text.ts, with node:zlib).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { localToday } from '../../src/cli/local-day.ts';
import { addDays } from '../../src/days/calendar-day.ts';
import { csvCells } from '../../src/ingest/csv-cells.ts';
import { runCli } from '../util/run-cli.ts';
import { loadReportFixture, REPORT_DAY } from './fixtures/report-fixture.ts';
import { SKIP_BROWSER_REASON, launchChromium } from './chromium.ts';
import { pdfHasText, pdfText } from './pdf-text.ts';

const TZ = 'Asia/Shanghai';

describe.skipIf(SKIP_BROWSER_REASON !== undefined)(
  `the audit desk in chromium${SKIP_BROWSER_REASON ? ` (skipped: ${SKIP_BROWSER_REASON})` : ''}`,
  () => {
    let browser: Browser;
    const tmp = mkdtempSync(join(tmpdir(), 'callq-desk-browser-'));
    const db = join(tmp, 'callq.duckdb');
    const config = join(tmp, 'callq.json');
    const callq = (...args: string[]) => runCli('--db', db, '--config', config, ...args);

    /** Renders the day's reports into tmp/<name>/ and returns the anomalies page's path. */
    async function render(name: string, lang = 'en'): Promise<string> {
      const result = await callq('report', '--date', REPORT_DAY, '--out', join(tmp, name), '--lang', lang);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      return join(tmp, name, REPORT_DAY, 'anomalies.html');
    }

    beforeAll(async () => {
      writeFileSync(config, JSON.stringify({ timezone: TZ }));
      const handle = await Database.open(db, { timezone: TZ });
      try {
        await ensureSchema(handle);
        await loadReportFixture(handle);
      } finally {
        handle.close();
      }
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    async function open(file: string): Promise<Page> {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
      const own = pathToFileURL(file).href;
      await context.route('**/*', (route) => (route.request().url() === own ? route.continue() : route.abort()));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(own);
      await page.waitForFunction(() => document.querySelectorAll('.chart-static').length === 0, undefined, {
        timeout: 20_000,
      });
      page.on('close', () => expect(errors).toEqual([]));
      return page;
    }

    /** Clicks and returns the file the page downloads, saved under tmp. */
    async function download(
      page: Page,
      click: () => Promise<void>,
      name: string,
    ): Promise<{ download: Download; text: string }> {
      const [file] = await Promise.all([page.waitForEvent('download'), click()]);
      const path = join(tmp, name);
      await file.saveAs(path);
      return { download: file, text: readFileSync(path, 'utf8') };
    }

    /** A CSV's records as cells (the files hold no line break inside a cell here). */
    const records = (text: string) =>
      text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter((line) => line !== '')
        .map((line) => csvCells(line, ','));

    const visibleCaseIds = (page: Page) =>
      page.locator('#table-cases tbody tr[id]:visible').evaluateAll((trs) => trs.map((tr) => tr.id.slice(2)));
    const review = (page: Page, caseId: number) => page.locator(`#c-${caseId} + tr.detail .review-controls`);

    it('fills verdicts for the filtered cases, downloads the sheet, loads it with review --file, and the re-rendered page shows them', async () => {
      const page = await open(await render('before'));
      // Case 6 gets a verdict, then the filter hides it: the sheet holds the cases shown only.
      await review(page, 6).locator('select').selectOption('dismissed');
      await page.locator('#cases .filters label', { hasText: 'State' }).locator('select').selectOption('new');
      expect(await visibleCaseIds(page)).toEqual(['8', '1', '9', '2']);
      await review(page, 8).locator('select').selectOption('confirmed');
      await review(page, 8).locator('input').fill('=SUM(1) drift confirmed in session CAL1');
      await review(page, 2).locator('select').selectOption('dismissed');
      await review(page, 2).locator('input').fill('one household, "five" phones');

      // Without a reviewer's name nothing downloads, and the page says why.
      const button = page.locator('.sheet-tools button');
      await button.click();
      await expect
        .poll(() => page.locator('.sheet-message').textContent())
        .toBe('Fill in the reviewer first: 2 cases have a verdict or a note.');
      await page.locator('.sheet-tools input[data-sheet="by"]').fill('ana');
      const { download: sheet, text } = await download(page, () => button.click(), 'review-sheet.csv');
      expect(sheet.suggestedFilename()).toBe('review-sheet.csv');
      expect(text.startsWith('\uFEFF')).toBe(true);
      // Empty verdict, note and by by default; state and last_seen as stored; the note made spreadsheet-safe.
      expect(records(text)).toEqual([
        ['case_id', 'state', 'last_seen', 'rule', 'entity', 'verdict', 'note', 'by'],
        [
          '8',
          'new',
          '2026-11-21',
          'auditor_drift',
          'auditor QA1',
          'confirmed',
          "'=SUM(1) drift confirmed in session CAL1",
          'ana',
        ],
        ['1', 'new', '2026-11-21', 'metric_shift', 'agent A1', '', '', ''],
        ['9', 'new', '2026-11-21', 'complaint_after_sale', 'call C1', '', '', ''],
        [
          '2',
          'new',
          '2026-11-21',
          'survey_integrity',
          'number *******5678',
          'dismissed',
          'one household, "five" phones',
          'ana',
        ],
      ]);
      await page.close();

      const applied = await callq('review', '--file', join(tmp, 'review-sheet.csv'));
      expect(applied.code).toBe(0);
      const due = addDays(localToday(TZ), 7);
      expect(applied.stdout).toBe(`${join(tmp, 'review-sheet.csv')}: 2 reviews applied (1 dismissed, 1 confirmed)\n`);

      const after = await open(await render('after'));
      const verdicts = await after
        .locator('#table-cases tbody tr[id]')
        .evaluateAll((trs: HTMLTableRowElement[]) =>
          Object.fromEntries(trs.map((tr) => [tr.id, [tr.cells[10]!.textContent, tr.cells[11]!.textContent]])),
        );
      expect(verdicts['c-8']).toEqual([due, 'confirmed']);
      expect(verdicts['c-2']).toEqual(['—', 'dismissed']);
      expect(verdicts['c-6']).toEqual(['—', '—']); // hidden by the filter: not in the sheet
      expect(verdicts['c-1']).toEqual(['—', '—']);
      await after.close();
    });

    it('refuses a sheet whose case changed after the page was made (state and last_seen travel with it)', async () => {
      const page = await open(await render('stale'));
      await review(page, 1).locator('select').selectOption('confirmed');
      await page.locator('.sheet-tools input[data-sheet="by"]').fill('bo');
      await download(page, () => page.locator('.sheet-tools button').click(), 'stale-sheet.csv');
      await page.close();
      // A nightly in between: case 1 fires again the next day (put back afterwards for the other tests).
      const setCase1 = async (sql: string) => {
        const handle = await Database.open(db, { timezone: TZ });
        try {
          await handle.exec(sql);
        } finally {
          handle.close();
        }
      };
      await setCase1("update anomaly_cases set last_seen = date '2026-11-22', state = 'ongoing' where case_id = 1");
      try {
        const refused = await callq('review', '--file', join(tmp, 'stale-sheet.csv'));
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('stale-sheet.csv:3: ');
        expect(refused.stderr).toContain('nothing applied');
      } finally {
        await setCase1("update anomaly_cases set last_seen = date '2026-11-21', state = 'new' where case_id = 1");
      }
    });

    for (const [lang, expected] of [
      ['en', ['high', 'medium', 'low']],
      ['zh-CN', ['高', '中', '低']],
    ] as const) {
      it(`sorts severity high → medium → low by its rank (${lang})`, async () => {
        const page = await open(await render(`sort-${lang}`, lang));
        const header = page.locator('#table-cases thead th').nth(6);
        const severities = () =>
          page
            .locator('#table-cases tbody tr[id]')
            .evaluateAll((trs: HTMLTableRowElement[]) => trs.map((tr) => tr.cells[6]!.textContent));
        const [high, medium, low] = expected;
        await header.click();
        expect(await header.getAttribute('aria-sort')).toBe('ascending');
        expect(await severities()).toEqual([low, medium, medium, medium, high, high, high, high, high]);
        await header.click();
        expect(await header.getAttribute('aria-sort')).toBe('descending');
        expect(await severities()).toEqual([high, high, high, high, high, medium, medium, medium, low]);
        await page.close();
      });
    }

    it('downloads exactly the rows the filters show as CSV', async () => {
      const page = await open(await render('csv'));
      await page.locator('#cases .filters label', { hasText: 'Severity' }).locator('select').selectOption('high');
      const shown = await visibleCaseIds(page);
      expect(shown).toEqual(['8', '1', '9', '4', '5']);
      const link = page.locator('a[data-download="csv"]');
      const { download: file, text } = await download(page, () => link.click(), 'filtered.csv');
      expect(file.suggestedFilename()).toBe('anomalies.csv');
      const [header, ...rows] = records(text);
      expect(header!.slice(0, 3)).toEqual(['case_id', 'state', 'rule']);
      expect(rows.map((r) => r[0])).toEqual(shown);
      // The same lines as the file written beside the page, for those cases.
      const full = records(readFileSync(join(tmp, 'csv', REPORT_DAY, 'anomalies.csv'), 'utf8'));
      expect(header).toEqual(full[0]);
      expect(rows).toEqual(full.slice(1).filter((r) => shown.includes(r[0]!)));
      await page.close();
    });

    it("prints the explanations and the evidence (folded on screen), without the page's controls", async () => {
      const page = await open(await render('print'));
      expect(await page.locator('details.evidence[open]').count()).toBe(0);
      const text = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      for (const explanation of [
        // The findings' facts (fixtures/marts.sql) in the English templates.
        'Auditor QA1 scored on average 21.0 points below the other auditors in 3 calibration sessions of the 90 days to 2026-11-21.',
        "Agent A1's conversion was 30.0% on 2026-11-21 against a usual 10.0% (median of their previous 20 days); robust z = 5.2.",
        "Agent A2 hung up first on 10 of 40 answered calls (25.0%) in the 28 days to 2026-11-21; their 6 peers' median is 5.0%; robust z = 5.0.",
        'Agent A1 dialled outbound call C4 at 22:10 local time on 2026-11-18, outside the calling window 08:00–21:00.',
        'Inbound call C5 on 2026-11-11 presented caller ID 110, a protected service number that never calls customers.',
      ]) {
        expect(pdfHasText(text, `Explanation ${explanation}`), explanation).toBe(true);
      }
      // Evidence rows of case 7 (C3, C6) with their fields, masked; case 1's limit note; the catalogue.
      expect(pdfHasText(text, 'call C6 2026-11-19 15:00')).toBe(true);
      expect(pdfHasText(text, 'inbound · unresolved · ended by the agent · number *******5678')).toBe(true);
      expect(pdfHasText(text, 'complaint K1 2026-11-21 18:00')).toBe(true);
      expect(pdfHasText(text, 'The 20 most recent of 22 records are shown.')).toBe(true);
      expect(pdfHasText(text, 'Anomalies per day by rule')).toBe(true);
      expect(pdfHasText(text, 'robust z beyond ±3.5')).toBe(true);
      for (const control of ['Reviewer (by)', 'Download the review sheet', 'Download the rows shown'])
        expect(pdfHasText(text, control), control).toBe(false);
      expect(text).not.toContain('13912345678');
      await page.close();
    });
  },
);
