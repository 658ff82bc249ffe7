/**
 * renderReports on the fixture centre (fixtures/marts.sql): the files it writes, figures read
 * from the marts (worked out by hand below), masking, escaping, languages and repeatability.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReports, type RenderOptions } from '../../src/reports/render-reports.ts';
import { readLayouts } from '../../src/reports/report-files.ts';
import { reportParams } from '../../src/reports/report-params.ts';
import { runQuery } from '../../src/reports/run-report-queries.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import type { Database } from '../../src/db/database.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';

const config = parseConfig({ timezone: 'Asia/Shanghai' });
const FULL_PHONES = ['13912345678', '13800138000', '13700001111'];
const out = mkdtempSync(join(tmpdir(), 'callq-reports-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function render(name: string, options: Partial<RenderOptions> = {}): Promise<string> {
  const dir = join(out, name);
  await withReportFixture((db) => renderReports(db, config, { day: REPORT_DAY, outDir: dir, ...options }));
  return join(dir, REPORT_DAY);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withoutGeneratedLine = (text: string) => text.replace(/^<p class="generated">.*$/m, '');

describe('renderReports', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await render('default', { now: new Date('2026-11-22T06:00:00Z') });
  });

  it('writes the three reports and the anomalies CSV into the day folder, and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['anomalies.csv', 'anomalies.html', 'coaching.html', 'nightly.html']);
  });

  it('keeps each file under 5 MB', () => {
    for (const file of readdirSync(dir)) expect(statSync(join(dir, file)).size).toBeLessThan(5 * 1024 * 1024);
  });

  it('shows the headline with its like-for-like changes as read from center_daily', () => {
    const nightly = read(dir, 'nightly.html');
    const tile = (measure: string) =>
      new RegExp(`<div class="kpi[^"]*" data-measure="${measure}">[\\s\\S]*?\\n</div>`).exec(nightly)?.[0] ?? '';
    const calls = tile('calls');
    // calls = 100 + 2i, the report day (Saturday 2026-11-21) is i = 28: 156. Day before
    // (i = 27) 154 -> +2. Last Saturday (i = 21) 142 -> +14. The last 4 Saturdays (i = 21, 14,
    // 7, 0) 142, 128, 114, 100: mean 484 / 4 = 121 -> +35.
    // Poisson band of 156: 156 + 1.9208 ± 1.96 × √(156 + 0.9604) = 157.92 ± 24.56 -> [133.4, 182.5]:
    // 154 and 142 are inside (within noise), 121 is not.
    expect(calls).toContain('<div class="kpi-value" title="95% interval 133 to 182">156</div>');
    expect(calls).toContain('<div class="kpi-change noise"><span>vs day before</span> <b>+2</b> <i');
    expect(calls).toContain('<div class="kpi-change noise"><span>vs last Saturday</span> <b>+14</b> <i');
    expect(calls).toContain('<div class="kpi-change flat"><span>vs avg of last 4 Saturdays</span> <b>+35</b></div>');
    const conversion = tile('conversion_rate');
    // 13 sales of 100 answered outbound on the report day against 10% on every other day:
    // +3.0 points each way. Wilson 95% of 13/100: centre (0.13 + 0.019208) / 1.038416 = 0.14369,
    // half 1.887489 × √(0.001131 + 0.00009604) = 0.06612 -> [7.8%, 21.0%]; 10% is inside, so
    // the rise is within noise, not good news.
    expect(conversion).toContain('<div class="kpi-value" title="95% interval 7.8% to 21.0%">13.0%</div>');
    expect(conversion).toContain('<div class="kpi-change noise"><span>vs day before</span> <b>+3.0 pp</b> <i');
    expect(conversion).not.toContain('kpi-change good');
    // Targets from the config: CSAT 4.2 meets ≥ 4.20; service level 80% meets 80% within 15 s;
    // abandon rate 5.0% meets ≤ 5.0%; ASA 12 s meets ≤ 20 s; audit 85 meets ≥ 80.0.
    expect(tile('csat_mean')).toContain('<div class="kpi-target met"><span>Target</span> <b>≥ 4.20</b> · met</div>');
    expect(tile('service_level')).toContain('<b>80.0% within 15 s</b> · met');
    expect(tile('asa_s')).toContain('<b>≤ 20 s</b> · met');
    // Revenue in the config's currency.
    expect(tile('revenue')).toContain('<div class="kpi-value">13,000 CNY</div>');
  });

  it("writes the definitions with the values of the config in use, and explains FCR's dashes", () => {
    const nightly = read(dir, 'nightly.html');
    const glossary = nightly.slice(nightly.indexOf('<section id="glossary"'));
    expect(glossary).toContain(
      'Inbound calls answered within 15 s ÷ (answered inbound + abandoned). Target: 80.0% within 15 s.',
    );
    expect(glossary).toContain('<td>currency (CNY)</td>');
    expect(glossary).not.toMatch(/answer_target_s|repeat_window_days|short_abandon_s|talk_ratio_band/);
    expect(nightly).toContain('FCR shows “—” until the repeat window of 7 days after the calls is over');
  });

  it('links the top anomalies to their cases in anomalies.html, whose rows carry the anchors', () => {
    // an1 is a finding of case 1.
    expect(read(dir, 'nightly.html')).toContain('href="anomalies.html#c-1"');
    expect(read(dir, 'anomalies.html')).toMatch(/<tr id="c-1" data-csv="/);
  });

  it("masks phone numbers everywhere and leaves customers' comments out", () => {
    for (const file of readdirSync(dir)) {
      const text = read(dir, file);
      for (const phone of FULL_PHONES) expect(text, `${file} shows ${phone}`).not.toContain(phone);
    }
    expect(read(dir, 'anomalies.html')).toContain('number *******5678');
    expect(read(dir, 'anomalies.csv')).toContain('*******5678');
    expect(read(dir, 'coaching.html')).not.toContain('call me back');
  });

  it('escapes markup from data: nothing from a name or comment becomes an element', () => {
    for (const file of ['nightly.html', 'anomalies.html', 'coaching.html']) {
      const text = read(dir, file);
      expect(text).not.toContain('<img src=x');
      expect(text).not.toContain('window.__xss = 2');
    }
    expect(read(dir, 'coaching.html')).toContain('&lt;img src=x onerror=&quot;window.__xss = 1&quot;&gt; (A2)');
  });

  it('ends each report with a glossary of its measures from src/metrics/measures.ts', () => {
    const coaching = read(dir, 'coaching.html');
    const glossary = coaching.slice(coaching.indexOf('<section id="glossary"'));
    expect(glossary).toContain('<code>conversion_shrunk</code>');
    expect(glossary).toContain('Conversion shrunk toward the team');
    // The anomalies page shows an anomaly's `score`, which is not the audit section score.
    const anomalies = read(dir, 'anomalies.html');
    expect(anomalies.slice(anomalies.indexOf('<section id="glossary"'))).not.toContain('<code>score</code>');
  });

  it('writes the cases table as CSV: masked, a header of column names, no nested evidence', () => {
    const lines = read(dir, 'anomalies.csv')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'case_id,state,rule,metric,team,agent,entity_type,entity_id,entity,subject_type,subject,first_seen,last_seen,days_active,episodes,findings,' +
        'peak_severity,peak_severity_rank,score,value,value_unit,reference,reference_kind,verdict,due,deadline,overdue,explanation,' +
        'evidence,evidence_total,state_order',
    );
    // The page's order (cases.sql): new and reopened, ongoing, cleared; by severity rank, then Score.
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['8', '1', '9', '2', '7', '3', '6', '4', '5']);
    // Case 1's evidence ids, space-separated.
    expect(lines[2]).toContain(',C1 C2 X01 X02 ');
  });

  it('gives the same files on a re-run, apart from the generated-at line, in any machine time zone', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const again = await render('again', { now: new Date('2026-11-23T01:02:03Z') });
      for (const file of readdirSync(dir)) {
        expect(withoutGeneratedLine(read(again, file)), file).toBe(withoutGeneratedLine(read(dir, file)));
      }
      expect(read(again, 'nightly.html')).toContain('Generated at 2026-11-23T01:02:03.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('leaves no temporary files behind', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('renderReports options', () => {
  it('uses the latest day of center_daily when no day is given', async () => {
    const result = await withReportFixture((db) => renderReports(db, config, { outDir: join(out, 'latest') }));
    expect(result.day).toBe(REPORT_DAY);
    expect(result.warnings).toEqual([]);
  });

  it('switches every label to Chinese with lang zh-CN', async () => {
    const zh = await render('zh', { lang: 'zh-CN' });
    const nightly = read(zh, 'nightly.html');
    expect(nightly).toContain('<html lang="zh-CN">');
    expect(nightly).toContain('<h1>每日运营报告</h1>');
    expect(nightly).toContain('较前一日');
    expect(nightly).toContain('成交数 ÷ 已接通外呼数（转化率）。');
    expect(nightly).not.toContain('vs day before');
  });

  it('shows personal data, still escaped, with showPersonalData', async () => {
    const shown = await render('shown', { showPersonalData: true });
    const coaching = read(shown, 'coaching.html');
    expect(coaching).toContain(
      '&lt;/script&gt;&lt;script&gt;window.__xss = 2&lt;/script&gt; call me back on 13700001111',
    );
    expect(read(shown, 'anomalies.html')).toContain('number 13912345678');
  });
});

describe('report queries', () => {
  const params = reportParams(REPORT_DAY, config);
  const rowsOf = (db: Database, file: string) => runQuery(db, file, params).then((r) => r.rows);

  it("conversion by hour: funnel_daily's hours pooled by weekday over the 28 days", async () => {
    await withReportFixture(async (db) => {
      const cells = await rowsOf(db, 'reports/nightly/conversion_by_hour.sql');
      // Saturday (isodow 6) 10h: 2026-11-21 (4 connected, 1 sale) + 2026-11-14 (6, 2) -> 3 / 10 = 0.3;
      // Friday 14h: 1 / 2 = 0.5. 2026-10-24 is before 2026-10-25; the lead_grade row is another breakdown.
      expect(cells).toEqual([
        { weekday: 5, hour: 14, answered_outbound: 2, sales: 1, conversion_rate: 0.5 },
        { weekday: 6, hour: 10, answered_outbound: 10, sales: 3, conversion_rate: 0.3 },
      ]);
    });
  });

  it("funnel by lead grade: funnel_daily's lead-grade rows summed over the 28 days, shares of dialled", async () => {
    await withReportFixture(async (db) => {
      const rows = await rowsOf(db, 'reports/nightly/funnel_by_lead_grade.sql');
      // A: 2026-11-21 (9, 4, 2, 1) + 2026-11-20 (11, 6, 3, 2) = 20 dialled, 10 connected, 5 interested, 3 sales;
      // B: 2026-11-21 only (2026-10-24 is before 2026-10-25) = 20, 10, 4, 1; no grade: 3, 1, 0, 0.
      expect(rows.map((r) => [r.lead_grade, r.stage, r.calls, r.share_of_dialled])).toEqual([
        ['A', 'dialled', 20, 1],
        ['A', 'connected', 10, 0.5],
        ['A', 'interested', 5, 0.25],
        ['A', 'sale', 3, 0.15],
        ['B', 'dialled', 20, 1],
        ['B', 'connected', 10, 0.5],
        ['B', 'interested', 4, 0.2],
        ['B', 'sale', 1, 0.05],
        ['none', 'dialled', 3, 1],
        ['none', 'connected', 1, expect.closeTo(1 / 3, 11)], // report queries keep 12 significant digits
        ['none', 'interested', 0, 0],
        ['none', 'sale', 0, 0],
      ]);
      // Every row of a grade carries its conversion: A 3 / 10, B 1 / 10, no grade 0 / 1.
      expect([...new Set(rows.map((r) => `${r.lead_grade} ${r.conversion_rate} ${r.conversion_n}`))]).toEqual([
        'A 0.3 10',
        'B 0.1 10',
        'none 0 1',
      ]);
    });
  });

  it('complaint funnel over the 28 days: 4 opened, 3 responded, 2 resolved, 1 followed up', async () => {
    await withReportFixture(async (db) => {
      // K1..K4 opened 2026-10-25..2026-11-21 (K5 is older); K4 has no response; K2, K3 resolved; K2 closed the loop.
      const stages = await rowsOf(db, 'reports/nightly/complaint_funnel.sql');
      expect(stages.map((s) => [s.stage, s.complaints])).toEqual([
        ['opened', 4],
        ['responded', 3],
        ['resolved', 2],
        ['followed_up', 1],
      ]);
    });
  });

  it("section heat map: the mean section score of the window's audits per agent", async () => {
    await withReportFixture(async (db) => {
      const cells = await rowsOf(db, 'reports/coaching/agent_section_scores.sql');
      // A2: U2 (closing 40, opening 70) and U3 (closing 60, opening 90) -> closing 50, opening 80.
      // A3's only audit U4 (2026-10-01) is before the window (2026-10-25 .. 2026-11-21).
      expect(cells.filter((c) => c.agent_id === 'A2').map((c) => [c.section, c.score, c.audits])).toEqual([
        ['closing', 50, 2],
        ['opening', 80, 2],
      ]);
      expect(cells.some((c) => c.agent_id === 'A3')).toBe(false);
    });
  });

  it('anomaly counts: every day of the week, with zeros, for the rules that found anything', async () => {
    await withReportFixture(async (db) => {
      const rows = await rowsOf(db, 'reports/anomalies/anomaly_counts.sql');
      // 7 days (2026-11-15 .. 2026-11-21) x the 8 rules with dated findings in them (an1..an4,
      // an7, an8, an10, an11; an5 has no day, an6 and an9 are older).
      expect(rows).toHaveLength(56);
      expect(rows.filter((r) => r.anomalies !== 0).map((r) => [r.day, r.rule, r.anomalies])).toEqual([
        ['2026-11-18', 'outside_hours', 1],
        ['2026-11-20', 'data_quality', 1],
        ['2026-11-20', 'short_sale', 1],
        ['2026-11-21', 'auditor_drift', 1],
        ['2026-11-21', 'complaint_after_sale', 1],
        ['2026-11-21', 'hangup_first', 1],
        ['2026-11-21', 'metric_shift', 1],
        ['2026-11-21', 'survey_integrity', 1],
      ]);
    });
  });
});

describe('report layouts', () => {
  it('are read in navigation order', () => {
    expect(readLayouts().map((l) => l.name)).toEqual(['nightly', 'anomalies', 'coaching']);
  });
});
