/**
 * Screenshots of a day's reports for the README (reports/screenshots/), taken with the same
 * Debian chromium as the browser tests, JavaScript on, network blocked:
 *   npx tsx test/reports/take-screenshots.ts out/2026-11-21 [reports/screenshots [out-zh/2026-11-21]]
 * Each is the top of the page at 1200 px wide (up to MAX_HEIGHT), which shows what the report
 * holds without making the repository heavy; anomalies-evidence.png is the anomalies page from
 * its cases on, with the first case's evidence open; nightly-intraday.png the nightly page's
 * intraday section; nightly-phone.png the nightly page on a 390 px phone down to its teams table
 * (the tiles two per row, the table's scroll cue), and nightly-print.png the same part as printed
 * (print media at the width of an A4 landscape page less the CSS @page margins);
 * nightly-pdf-page.png is the first page of the nightly report's PDF as chromium prints it,
 * drawn by pdftoppm (Debian's poppler-utils; left out, saying so, where it is missing). Given the
 * day's reports rendered with --lang zh-CN as well, nightly-zh.png and anomalies-zh.png are
 * the tops of those two pages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';

const MAX_HEIGHT = 1800;
/** 297 mm − 2 × 12 mm (report.css's @page) in CSS px. */
const PRINT_WIDTH = Math.floor((273 / 25.4) * 96);
const [dayDir, outDir = 'reports/screenshots', zhDayDir] = process.argv.slice(2);
if (!dayDir) throw new Error('usage: take-screenshots.ts <out/day folder> [screenshot folder]');
mkdirSync(outDir, { recursive: true });

async function openReport(browser: Browser, report: string, width = 1200, dir = dayDir!): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const url = pathToFileURL(resolve(dir, `${report}.html`)).href;
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('.chart-static').length === 0);
  return page;
}

async function shoot(page: Page, name: string, top = 0, maxHeight = MAX_HEIGHT): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()!.width;
  const path = join(outDir, `${name}.png`);
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: 0, y: top, width, height: Math.min(height - top, maxHeight) },
  });
  process.stdout.write(`${path}\n`);
}

/** The first page of the nightly report's PDF, as a PNG. */
async function shootPdfPage(browser: Browser): Promise<void> {
  const page = await openReport(browser, 'nightly');
  const dir = mkdtempSync(join(tmpdir(), 'callq-pdf-'));
  try {
    writeFileSync(join(dir, 'nightly.pdf'), await page.pdf({ preferCSSPageSize: true }));
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(dir, 'nightly.pdf'),
      join(outDir!, 'nightly-pdf-page'),
    ]);
    process.stdout.write(`${join(outDir!, 'nightly-pdf-page.png')}\n`);
  } catch (error) {
    process.stdout.write(`nightly-pdf-page.png left out: ${(error as Error).message.split('\n')[0]}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  }
}

const browser = await launchChromium();
try {
  for (const report of ['nightly', 'anomalies', 'coaching']) {
    const page = await openReport(browser, report);
    await shoot(page, report);
    await page.context().close();
  }
  const page = await openReport(browser, 'anomalies');
  const firstCase = page.locator('#table-cases tbody tr.detail').first();
  await firstCase.locator('details.evidence').evaluate((details) => ((details as HTMLDetailsElement).open = true));
  const top = await page
    .locator('section#cases')
    .evaluate((section) => section.getBoundingClientRect().top + window.scrollY);
  await shoot(page, 'anomalies-evidence', Math.max(Math.round(top) - 8, 0));
  await page.context().close();
  // nightly-intraday.png: the nightly page's intraday section alone.
  const nightly = await openReport(browser, 'nightly');
  const intraday = await nightly.locator('section#intraday').evaluate((section) => {
    const box = section.getBoundingClientRect();
    return { top: box.top + window.scrollY, height: box.height };
  });
  await shoot(nightly, 'nightly-intraday', Math.max(Math.round(intraday.top) - 8, 0), Math.round(intraday.height) + 16);
  await nightly.context().close();
  for (const [name, width, media] of [
    ['nightly-phone', 390, 'screen'],
    ['nightly-print', PRINT_WIDTH, 'print'],
  ] as const) {
    const page = await openReport(browser, 'nightly', width);
    await page.emulateMedia({ media });
    const bottom = await page
      .locator('section#teams')
      .evaluate((section) => section.getBoundingClientRect().bottom + window.scrollY);
    await shoot(page, name, 0, Math.round(bottom) + 8);
    await page.context().close();
  }
  await shootPdfPage(browser);
  for (const report of zhDayDir ? ['nightly', 'anomalies'] : []) {
    const page = await openReport(browser, report, 1200, zhDayDir);
    await shoot(page, `${report}-zh`);
    await page.context().close();
  }
} finally {
  await browser.close();
}
