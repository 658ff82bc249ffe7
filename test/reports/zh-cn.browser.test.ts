/**
 * The reports in Chinese, in chromium: the anomaly explanations hold no English sentence,
 * and Chinese text is drawn with the CJK font subset the page embeds, in a chromium that
 * sees none of the machine's CJK fonts (a fontconfig that rejects them), so they cannot
 * hide a missing face: chromium's own account of the fonts it drew a node's text
 * with, over the DevTools protocol, names the embedded face. The English page embeds the characters of its
 * Chinese agent names, and nothing when it has none. Every page stays far below 5 MB.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
/** Two English words in a row: what an untranslated sentence has and ids, dates and file names do not. */
const ENGLISH_WORDS = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

describe.skipIf(SKIP_BROWSER_REASON !== undefined)(
  `zh-CN reports in chromium${SKIP_BROWSER_REASON ? ` (skipped: ${SKIP_BROWSER_REASON})` : ''}`,
  () => {
    let browser: Browser;
    const out = mkdtempSync(join(tmpdir(), 'callq-zh-'));
    const zh = join(out, 'zh', REPORT_DAY);
    const en = join(out, 'en', REPORT_DAY);
    const plain = join(out, 'plain', REPORT_DAY);

    beforeAll(async () => {
      const config = parseConfig({ timezone: 'Asia/Shanghai' });
      await withReportFixture(async (db) => {
        // The fixture's names are Latin: the plain English pages have no CJK character.
        await renderReports(db, config, { day: REPORT_DAY, outDir: join(out, 'plain') });
        await db.exec(`update agents set name = '张伟' where agent_id = 'A1'`);
        await renderReports(db, config, { day: REPORT_DAY, outDir: join(out, 'zh'), lang: 'zh-CN' });
        await renderReports(db, config, { day: REPORT_DAY, outDir: join(out, 'en') });
      });
      // The machine's fontconfig less every font that covers Chinese, Japanese or Korean.
      writeFileSync(
        join(out, 'fonts.conf'),
        `<?xml version="1.0"?>
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont>${['zh', 'ja', 'ko'].map((lang) => `<pattern><patelt name="lang"><string>${lang}</string></patelt></pattern>`).join('')}</rejectfont></selectfont>
</fontconfig>
`,
      );
      const before = process.env.FONTCONFIG_FILE;
      process.env.FONTCONFIG_FILE = join(out, 'fonts.conf');
      try {
        browser = await launchChromium();
      } finally {
        if (before === undefined) delete process.env.FONTCONFIG_FILE;
        else process.env.FONTCONFIG_FILE = before;
      }
    });

    afterAll(async () => {
      await browser?.close();
      rmSync(out, { recursive: true, force: true });
    });

    async function open(file: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const own = pathToFileURL(file).href;
      await context.route('**/*', (route) => (route.request().url() === own ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.goto(own);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return page;
    }

    /** The fonts chromium drew the text of the first node matching `selector` with. */
    async function fontsOf(page: Page, selector: string): Promise<PlatformFont[]> {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      return fonts.map(({ familyName, isCustomFont, glyphCount }) => ({ familyName, isCustomFont, glyphCount }));
    }

    it('writes every anomaly explanation in Chinese: no text node of one holds English words', async () => {
      const page = await open(join(zh, 'anomalies.html'));
      // The sentence is the text after the label <b> in each case's detail.
      const texts = await page.$$eval('#table-cases p.detail-text', (ps) =>
        ps.map((p) =>
          [...p.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent ?? '')
            .join(''),
        ),
      );
      // cases.sql lists 9 anomaly cases, each with an explanation.
      expect(texts.length).toBe(9);
      for (const text of texts) {
        expect(text, text).not.toMatch(ENGLISH_WORDS);
        expect(text, text).toMatch(/[\u4e00-\u9fff]/);
      }
      // an8 (fixtures/marts.sql) in the zh-CN template: 10 of 40 answered calls = 25.0%.
      expect(texts).toContain(
        ' 截至 2026-11-21 的 28 天内，坐席 A2 在 40 通已接通话中先挂断 10 通（25.0%）；其 6 名同类坐席的中位数为 5.0%；稳健 z 值 = 5.0。',
      );
      const nightly = await open(join(zh, 'nightly.html'));
      const cells = await nightly.$$eval('#table-top_anomalies tbody td.wide', (tds) =>
        tds.map((td) => td.textContent ?? ''),
      );
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell, cell).not.toMatch(ENGLISH_WORDS);
      await page.context().close();
      await nightly.context().close();
    });

    for (const report of REPORTS) {
      it(`${report} in Chinese draws its CJK text with the embedded face, loaded from the page`, async () => {
        const page = await open(join(zh, report));
        const faces = await page.evaluate(() =>
          [...document.fonts].map((face) => ({ family: face.family, status: face.status })),
        );
        expect(faces).toContainEqual({ family: 'Noto Sans CJK SC', status: 'loaded' });
        // The title is Chinese; every glyph of it comes from a custom (embedded) font.
        const fonts = await fontsOf(page, 'h1');
        const title = await page.locator('h1').textContent();
        expect(title).toMatch(/^[\u4e00-\u9fff]+$/);
        expect(fonts).toEqual([{ familyName: 'Noto Sans SC', isCustomFont: true, glyphCount: title!.length }]);
        await page.context().close();
      });
    }

    it('draws the words chromium gave to the system font before the face came first in the list (table headers too)', async () => {
      const page = await open(join(zh, 'anomalies.html'));
      // The Case column's header and the first case's state: Chinese words alone.
      for (const selector of ['#table-cases thead th', '#table-cases tbody tr td:nth-child(2)']) {
        const text = await page.locator(selector).first().textContent();
        expect(text).toMatch(/^[\u4e00-\u9fff]+$/);
        expect(await fontsOf(page, selector), selector).toEqual([
          { familyName: 'Noto Sans SC', isCustomFont: true, glyphCount: text!.length },
        ]);
      }
      await page.context().close();
    });

    it('embeds in the English page the characters of its Chinese names only, and nothing without any', async () => {
      const html = readFileSync(join(en, 'coaching.html'), 'utf8');
      expect(html).toContain('<style id="cjk-font">@font-face { font-family: "Noto Sans CJK SC"');
      expect(readFileSync(join(plain, 'coaching.html'), 'utf8')).not.toContain('@font-face');
      const page = await open(join(en, 'coaching.html'));
      const cell = page.locator('td', { hasText: '张伟' }).first();
      await cell.evaluate((td) => td.setAttribute('data-probe', ''));
      const fonts = await fontsOf(page, '[data-probe]');
      // 张 and 伟 from the embedded face; the Latin rest of the cell from the system's.
      expect(fonts.filter((f) => f.isCustomFont)).toEqual([
        { familyName: 'Noto Sans SC', isCustomFont: true, glyphCount: 2 },
      ]);
      await page.context().close();
    });

    it('keeps every page under 5 MB', () => {
      for (const dir of [zh, en])
        for (const report of REPORTS) expect(statSync(join(dir, report)).size).toBeLessThan(5 * 1024 * 1024);
    });
  },
);
