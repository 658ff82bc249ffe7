/**
 * The audit desk's parts of the rendered pages on the fixture centre (fixtures/cases.sql):
 * the anomalies page's case rows (severity sorted by rank, Score, Value in its unit beside
 * its reference, deadlines), each case's detail (explanation, review controls, evidence rows
 * with speech timelines, masked), the review sheet's tools, the rule catalogue, the nightly's
 * deadlines and the coaching report's recognition list, in English and Chinese.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReports } from '../../src/reports/render-reports.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';

const config = parseConfig({ timezone: 'Asia/Shanghai' });
const out = mkdtempSync(join(tmpdir(), 'callq-case-page-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const pages: Record<'en' | 'zh-CN', Record<string, string>> = { en: {}, 'zh-CN': {} };

beforeAll(async () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    await withReportFixture((db) => renderReports(db, config, { day: REPORT_DAY, outDir: join(out, lang), lang }));
    for (const file of ['anomalies.html', 'nightly.html', 'coaching.html'])
      pages[lang][file] = readFileSync(join(out, lang, REPORT_DAY, file), 'utf8');
  }
});

/** The row of case `id` (or the row with that id) and the detail row under it. */
function caseRows(page: string, id: string): { row: string; detail: string } {
  const start = page.indexOf(`<tr id="${id}"`);
  expect(start, id).toBeGreaterThan(0);
  const end = page.indexOf('</tr>', start) + 5;
  const next = page.slice(end + 1);
  const detail = next.startsWith('<tr class="detail">') ? next.slice(0, next.indexOf('</td></tr>\n') + 10) : '';
  return { row: page.slice(start, end), detail };
}

/** The text of each cell of a row, sub-values after a "|". */
const cells = (row: string) =>
  [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
    m[1]!.replace(/<span class="sub">/g, '|').replace(/<[^>]+>/g, ''),
  );

describe('anomalies page: the cases', () => {
  const page = () => pages.en['anomalies.html']!;

  it("lists one row per case in the desk's order, each with its detail row", () => {
    const ids = [...page().matchAll(/<tr id="(c-\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['c-8', 'c-1', 'c-9', 'c-2', 'c-7', 'c-3', 'c-6', 'c-4', 'c-5']);
    expect(page().match(/<tr class="detail">/g)).toHaveLength(9);
  });

  it('sorts severity on its rank and the case id as a number', () => {
    expect(page()).toContain('<th scope="col" data-sort="num">Severity</th>');
    expect(cells(caseRows(page(), 'c-6').row)[6]).toBe('low');
    expect(caseRows(page(), 'c-6').row).toContain('<td data-v="1">low</td>');
    expect(caseRows(page(), 'c-8').row).toContain('<td data-v="3">high</td>');
    expect(caseRows(page(), 'c-2').row).toContain('<td data-v="2">medium</td>');
    expect(caseRows(page(), 'c-8').row).toContain('<td data-v="8">8</td>');
  });

  it('shows the rule with its metric, the subject, the days, Score and Value with its unit and reference', () => {
    expect(cells(caseRows(page(), 'c-3').row)).toEqual([
      '3',
      'ongoing',
      'short sale|talk time',
      'North',
      '&lt;img src=x onerror=&quot;window.__xss = 1&quot;&gt; (A2)|call C3',
      '2026-11-20|first 2026-11-20 · 1 d',
      'medium',
      '2.0',
      '31 s|threshold 60 s',
      '',
      '2026-11-20|overdue',
      'confirmed',
    ]);
    expect(cells(caseRows(page(), 'c-1').row).slice(7, 9)).toEqual(['1.5', '30.0%|usual 10.0%']);
    expect(cells(caseRows(page(), 'c-7').row).slice(5, 9)).toEqual([
      '2026-11-21|first 2026-10-30 · 2 d',
      'medium',
      '1.4',
      '25.0%|peers&#39; median 5.0%',
    ]);
    expect(cells(caseRows(page(), 'c-4').row).slice(7, 9)).toEqual(['2.2', '22:10|threshold 21:00']);
    expect(cells(caseRows(page(), 'c-8').row).slice(4, 9)).toEqual([
      '—|auditor QA1',
      '2026-11-21|first 2026-11-21 · 1 d',
      'high',
      '2.1',
      '-21.0 points|threshold 10.0 points',
    ]);
    expect(cells(caseRows(page(), 'c-9').row)[8]).toBe('1.5 days|threshold 7.0 days');
    expect(cells(caseRows(page(), 'c-5').row)[8]).toBe('3 digits');
    // A number is masked in the subject as everywhere else.
    expect(cells(caseRows(page(), 'c-2').row)[4]).toBe('—|number *******5678');
  });

  it('marks an overdue deadline; due today is said but not marked', () => {
    expect(caseRows(page(), 'c-3').row).toContain(
      '<td class="nowrap marked">2026-11-20<span class="sub">overdue</span></td>',
    );
    expect(caseRows(page(), 'c-5').row).toContain(
      '<td class="nowrap">2026-11-21<span class="sub">due today</span></td>',
    );
  });

  it('puts the explanation, the review controls (hidden until JavaScript shows them) and the evidence under each case', () => {
    const { detail } = caseRows(page(), 'c-7');
    expect(detail).toMatch(
      // an8's facts in the English template (fixtures/marts.sql); 10 of 40 = 25.0%.
      /^<tr class="detail"><td colspan="12"><p class="detail-text"><b>Explanation<\/b> Agent A2 hung up first on 10 of 40 answered calls \(25\.0%\) in the 28 days to 2026-11-21; their 6 peers&#39; median is 5\.0%; robust z = 5\.0\.<\/p>/,
    );
    expect(detail).toContain(
      '<div class="review-controls" hidden><label>Verdict <select data-review="verdict"><option value=""></option><option value="confirmed">confirmed</option>',
    );
    expect(detail).toContain('<details class="evidence"><summary>Evidence (2)</summary>');
  });

  it('shows each evidence record with its fields, masked, and a speech timeline where segments exist', () => {
    const rows = [...caseRows(page(), 'c-7').detail.matchAll(/<tr class="evidence-(\w+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => cells(r[0]).slice(0, 6))).toEqual([
      [
        'call C3',
        '2026-11-20 14:00',
        '&lt;img src=x onerror=&quot;window.__xss = 1&quot;&gt; (A2)',
        'sales',
        '40 s',
        'outbound · sale · ended by the agent · number *******8000',
      ],
      [
        'call C6',
        '2026-11-19 15:00',
        '&lt;img src=x onerror=&quot;window.__xss = 1&quot;&gt; (A2)',
        'billing',
        '310 s',
        'inbound · unresolved · ended by the agent · number *******5678',
      ],
    ]);
    // C6: 300 s connected; the agent speaks 95 s (32%), the customer 190 s (63%); 140 px for 300 s.
    expect(rows[1]![0]).toContain('aria-label="Speech over 300 s: agent 32%, customer 63%."');
    expect(rows[1]![0]).toContain('<path class="speech-agent" d="M0.0 0h9.3v6h-9.3zM58.3 0h35.0v6h-35.0z"/>');
    expect(rows[1]![0]).toContain('<path class="speech-customer" d="M9.3 8h46.7v6h-46.7zM93.3 8h42.0v6h-42.0z"/>');
    const surveys = caseRows(page(), 'c-2').detail;
    expect(surveys).toContain('<td>CSAT 5 · NPS 10 · number *******5678 · call C6</td>');
    expect(caseRows(page(), 'c-8').detail).toContain('<td>score 90.0 · auditor QA1 · calibration CAL1</td>');
    expect(caseRows(page(), 'c-9').detail).toContain('<td>high severity · mis-selling · resolved: no · call C1</td>');
    expect(caseRows(page(), 'c-6').detail).toContain('<span class="kind">record</span> S9');
  });

  it('says when a case has more records than the 20 shown', () => {
    const { detail } = caseRows(page(), 'c-1');
    expect(detail).toContain('<summary>Evidence (22)</summary>');
    expect(detail.match(/<tr class="evidence-/g)).toHaveLength(20);
    expect(detail).toContain('<p class="note">The 20 most recent of 22 records are shown.</p>');
  });

  it("carries each row's CSV line and sheet fields for the downloads of the rows shown", () => {
    expect(page()).toContain('data-header="case_id,state,last_seen,rule,entity,verdict,note,by"');
    expect(caseRows(page(), 'c-2').row).toContain('data-sheet="2,new,2026-11-21,survey_integrity,number *******5678"');
    expect(caseRows(page(), 'c-3').row).toMatch(/ data-csv="3,ongoing,short_sale,talk_s,North,/);
    expect(page()).toContain(
      '<a href="anomalies.csv" download data-download="csv">Download the rows shown as anomalies.csv</a>',
    );
  });
});

describe('anomalies page: the rule catalogue', () => {
  const row = (rule: string) => cells(caseRows(pages.en['anomalies.html']!, `rule-${rule}`).row);

  it('says per rule what it checks, its threshold from the config, what makes it high and what its Score is', () => {
    expect(row('metric_shift').slice(0, 5)).toEqual([
      'metric shift',
      'An agent&#39;s daily figure (calls, conversion, handle time, talk ratio, CSAT, hang-ups) far from their own last 28 days, allowing for the day&#39;s own sampling noise; it needs 14 earlier days with enough volume.',
      'robust z beyond ±3.5',
      '|z| of 7 or more (twice the threshold); otherwise medium',
      '|z| ÷ 3.5',
    ]);
    expect(row('outside_hours')[2]).toBe('before 08:00 or after 21:00');
  });

  it("shows precision and recall on generated data, and the desk's precision with its interval and n, flagged when low", () => {
    expect(row('metric_shift').slice(5)).toEqual([
      '75.0%|10 labels',
      '60.0%',
      '0.0%|95% CI 0.0% – 79.3% · n 1',
      '—',
      '2|1 open',
    ]);
    expect(row('outside_hours').slice(5)).toEqual(['—', '—', '0.0%|95% CI 0.0% – 49.0% · n 4', 'low', '4|0 open']);
    expect(caseRows(pages.en['anomalies.html']!, 'rule-outside_hours').row).toContain(
      '<td class="num marked" data-v="0">',
    );
    expect(row('peer_outlier').slice(5)).toEqual(['—', '—', '—', '—', '0|0 open']);
  });
});

describe('nightly and coaching', () => {
  it('nightly lists the cases due today and overdue, linking each to the report that lists it', () => {
    const nightly = pages.en['nightly.html']!;
    const table = nightly.slice(nightly.indexOf('id="table-due_cases"'));
    const rows = [...table.slice(0, table.indexOf('</table>')).matchAll(/<tr>(<td[\s\S]*?)<\/tr>/g)].map((m) =>
      cells(m[0]),
    );
    expect(rows).toEqual([
      // The subject's kind under its id, in the page's language; A2's name is escaped markup.
      [
        'overdue',
        '5',
        '2026-11-16',
        '14',
        'reward|by callq',
        'recognition',
        expect.stringMatching(/^&lt;img .*&gt; \(A2\)\|agent$/),
        '—',
      ],
      ['overdue', '1', '2026-11-20', '3', 'confirmed|by ana', 'short sale', 'C3|call', 'medium'],
      ['due today', '0', '2026-11-21', '5', 'confirmed|by bo', 'caller-ID spoof', 'C5|call', 'high'],
    ]);
    expect(table).toContain('<a href="coaching.html#c-14">14</a>');
    expect(table).toContain('<a href="anomalies.html#c-3">3</a>');
  });

  it('coaching lists the recognitions with their reward due dates, an overdue one marked', () => {
    const coaching = pages.en['coaching.html']!;
    expect(cells(caseRows(coaching, 'c-14').row)).toEqual([
      '14',
      '&lt;img src=x onerror=&quot;window.__xss = 1&quot;&gt; (A2)',
      'North',
      '2',
      '2026-11-14',
      '2026-11-14',
      'reward',
      '2026-11-16|overdue',
    ]);
    expect(caseRows(coaching, 'c-14').row).toContain('<td class="nowrap marked">2026-11-16');
    expect(cells(caseRows(coaching, 'c-12').row)).toEqual([
      '12',
      'Li Wei (A1)',
      'North',
      '1 of 4',
      '2026-11-20',
      '2026-11-21',
      'reward',
      '2026-11-22',
    ]);
  });
});

describe('in Chinese', () => {
  it('labels states, severities, verdicts, units, references, deadlines and evidence, with Chinese punctuation in sentences', () => {
    const page = pages['zh-CN']['anomalies.html']!;
    expect(cells(caseRows(page, 'c-3').row)).toEqual([
      '3',
      '持续',
      '短时成交|通话时长',
      'North',
      '&lt;img src=x onerror=&quot;window.__xss = 1&quot;&gt; (A2)|通话 C3',
      '2026-11-20|首次 2026-11-20 · 共 1 天',
      '中',
      '2.0',
      '31 秒|阈值 60 秒',
      '',
      '2026-11-20|已逾期',
      '已确认',
    ]);
    const { detail } = caseRows(page, 'c-7');
    expect(detail).toContain('<summary>证据（2 条）</summary>');
    expect(detail).toContain('<td>外呼，成交，由坐席挂断，号码 *******8000</td>');
    expect(detail).toContain('aria-label="通话 300 秒内：坐席说话 32%，客户说话 63%。"');
    expect(caseRows(page, 'c-1').detail).toContain('<p class="note">显示最近的 20 条，共 22 条。</p>');
    expect(cells(caseRows(page, 'rule-outside_hours').row).slice(2, 4)).toEqual([
      '08:00 之前或 21:00 之后',
      '超出时段 1 小时及以上为高，否则为中',
    ]);
    expect(page).toContain('<option value="dismissed">已驳回</option>');
  });
});
