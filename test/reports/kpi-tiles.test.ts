/**
 * The headline tiles' judgement: targets (met / missed from the config), the noise bands
 * (Wilson for a rate, Poisson for a count, worked out by hand below) and a change inside its
 * band shown as within noise, neither good nor bad. The like-for-like deltas read from the
 * fixture centre are in render-reports.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { translator } from '../../src/reports/i18n.ts';
import { renderKpis } from '../../src/reports/kpi-tiles.ts';
import { renderGlossary } from '../../src/reports/glossary.ts';
import { layoutSchema, type KpisItem } from '../../src/reports/report-layout.ts';
import { normalInterval, poissonInterval, wilsonInterval } from '../../src/reports/noise-band.ts';
import type { QueryResults } from '../../src/reports/run-report-queries.ts';

const en = translator('en');
const zh = translator('zh-CN');
const config = parseConfig({ timezone: 'Asia/Shanghai' });

describe('noise bands', () => {
  it('Wilson interval of a rate, by hand', () => {
    // 34 sales of 400 answered outbound calls: p = 0.085, n = 400, z = 1.96, z² = 3.8416.
    // centre = (p + z²/2n) / (1 + z²/n) = (0.085 + 0.004802) / 1.009604 = 0.088948
    // half   = z / (1 + z²/n) × √(p(1−p)/n + z²/4n²) = 1.941355 × √(0.000194438 + 0.0000060025)
    //        = 1.941355 × 0.0141577 = 0.027485  ->  [0.061463, 0.116433]
    const [lo, hi] = wilsonInterval(34, 400)!;
    expect(lo).toBeCloseTo(0.061463, 5);
    expect(hi).toBeCloseTo(0.116433, 5);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('Poisson (score) interval of a count, by hand', () => {
    // 100 calls: x + z²/2 ± z √(x + z²/4) = 101.9208 ± 1.96 × √100.9604 = 101.9208 ± 1.96 × 10.04791
    //          = 101.9208 ± 19.6939  ->  [82.2269, 121.6147]
    const [lo, hi] = poissonInterval(100)!;
    expect(lo).toBeCloseTo(82.2269, 3);
    expect(hi).toBeCloseTo(121.6147, 3);
  });

  it('normal band of a mean from the day-to-day spread', () => {
    // 4.01 ± 1.96 × 0.05 = 4.01 ± 0.098 -> [3.912, 4.108]
    const [lo, hi] = normalInterval(4.01, 0.05)!;
    expect(lo).toBeCloseTo(3.912, 3);
    expect(hi).toBeCloseTo(4.108, 3);
    expect(normalInterval(4.01, null)).toBeNull();
  });
});

const item = layoutSchema.shape.sections.element.shape.items.element.parse({
  type: 'kpis',
  query: 'headline',
  measures: [
    { name: 'csat_mean', format: 'decimal2', better: 'up', noise: 'normal' },
    { name: 'conversion_rate', format: 'share', better: 'up', noise: 'wilson' },
    { name: 'calls', format: 'count', noise: 'poisson' },
    { name: 'service_level', format: 'share', better: 'up', noise: 'wilson' },
  ],
}) as KpisItem;

const results: QueryResults = {
  headline: {
    columns: ['measure', 'value', 'change_prev', 'change_week', 'change_4w', 'weeks_4w', 'n', 'spread'],
    rows: [
      // CSAT 4.01, up 0.03 on the day before: the target is 4.2, so the tile is missed, not green.
      {
        measure: 'csat_mean',
        value: 4.01,
        change_prev: 0.03,
        change_week: 0.2,
        change_4w: -0.15,
        weeks_4w: 4,
        n: null,
        spread: 0.05,
      },
      // 8.5% of 400 against 10.0% the day before: −1.5 pp, and 0.10 is inside [0.0615, 0.1164].
      // Against 0.13 last week (−4.5 pp) it is outside: bad news.
      {
        measure: 'conversion_rate',
        value: 0.085,
        change_prev: -0.015,
        change_week: -0.045,
        change_4w: -0.01,
        weeks_4w: 3,
        n: 400,
        spread: null,
      },
      // 100 calls: 115 the day before is inside [82.2, 121.6]; 130 last week is not.
      {
        measure: 'calls',
        value: 100,
        change_prev: -15,
        change_week: -30,
        change_4w: 0,
        weeks_4w: 4,
        n: null,
        spread: null,
      },
      // 1,000 offered, 82% within target: meets "80.0% within 15 s".
      {
        measure: 'service_level',
        value: 0.82,
        change_prev: 0.1,
        change_week: 0,
        change_4w: 0,
        weeks_4w: 4,
        n: 1000,
        spread: null,
      },
    ],
  },
};

function tile(htmlText: string, measure: string): string {
  return new RegExp(`<div class="kpi[^"]*" data-measure="${measure}">[\\s\\S]*?\\n</div>`).exec(htmlText)?.[0] ?? '';
}

describe('KPI tiles', () => {
  // 2026-11-21 was a Saturday.
  const page = renderKpis(item, results, en, config, '2026-11-21').toString();

  it('colours CSAT 4.01 against its target 4.2 as missed, not green', () => {
    const csat = tile(page, 'csat_mean');
    expect(csat).toMatch(/^<div class="kpi missed"/);
    expect(csat).toContain('<div class="kpi-target missed"><span>Target</span> <b>≥ 4.20</b> · missed</div>');
    // +0.03 on the day before is inside 4.01 ± 0.098: within noise, not good news.
    expect(csat).toContain('<div class="kpi-change noise"><span>vs day before</span> <b>+0.03</b>');
    // +0.20 on last Saturday (3.81) is outside: good news, even though the target is missed.
    expect(csat).toContain('<div class="kpi-change good"><span>vs last Saturday</span> <b>+0.20</b></div>');
    expect(csat).not.toContain('class="kpi met"');
  });

  it('shows a −1.5 pp conversion change inside its Wilson interval as within noise', () => {
    const conversion = tile(page, 'conversion_rate');
    expect(conversion).toContain(
      '<div class="kpi-change noise"><span>vs day before</span> <b>-1.5 pp</b> <i title="95% interval 6.1% to 11.6%">within noise</i></div>',
    );
    expect(conversion).toContain('<div class="kpi-change bad"><span>vs last Saturday</span> <b>-4.5 pp</b></div>');
    // Only 3 of the 4 Saturdays had a value: the label says so.
    expect(conversion).toContain('<span>vs avg of last 3 Saturdays</span> <b>-1.0 pp</b>');
    // No conversion target is set by default: no target line and no met/missed colour.
    expect(conversion).not.toContain('kpi-target');
    expect(conversion).toMatch(/^<div class="kpi" /);
  });

  it('judges a count against its Poisson interval', () => {
    const calls = tile(page, 'calls');
    expect(calls).toContain('<div class="kpi-change noise"><span>vs day before</span> <b>-15</b>');
    // calls have no good direction: outside the band the change is plain, not red or green.
    expect(calls).toContain('<div class="kpi-change flat"><span>vs last Saturday</span> <b>-30</b></div>');
  });

  it('shows the service level target as a share within the answer target', () => {
    const sl = tile(page, 'service_level');
    expect(sl).toMatch(/^<div class="kpi met"/);
    expect(sl).toContain('<b>80.0% within 15 s</b> · met');
    const custom = parseConfig({ answer_target_s: 20, targets: { service_level: { share: 0.9, within_s: 20 } } });
    expect(tile(renderKpis(item, results, zh, custom, '2026-11-21').toString(), 'service_level')).toContain(
      '<b>20 秒内接通 90.0%</b> · 未达标',
    );
  });

  it('refuses a service level target at another threshold than the one the measure is computed at', () => {
    expect(() => parseConfig({ answer_target_s: 20, targets: { service_level: { within_s: 15 } } })).toThrow(
      'answer_target_s',
    );
  });
});

describe('glossary', () => {
  it('gives the values of the settings in use, the targets and the currency, not config keys', () => {
    const custom = parseConfig({
      answer_target_s: 20,
      repeat_window_days: 3,
      currency: 'USD',
      targets: { csat_mean: 4.5 },
    });
    const text = renderGlossary(
      ['service_level', 'fcr_rate', 'short_abandons', 'revenue', 'csat_mean', 'talk_ratio'],
      en,
      custom,
    ).toString();
    expect(text).toContain(
      'Inbound calls answered within 20 s ÷ (answered inbound + abandoned). Target: 80.0% within 20 s.',
    );
    expect(text).toContain('within 3 days ÷ fcr_calls');
    expect(text).toContain('hung up within 5 s');
    expect(text).toContain('<td>currency (USD)</td>');
    expect(text).toContain('Target: ≥ 4.50.');
    expect(text).toContain('Target band 30.0%–45.0%.');
    expect(text).not.toMatch(/answer_target_s|repeat_window_days|short_abandon_s|talk_ratio_band/);
    const zhText = renderGlossary(['service_level', 'fcr_rate'], zh, custom).toString();
    expect(zhText).toContain('在 20 秒内接通的呼入');
    expect(zhText).toContain('3 天内同一客户未再来电');
  });
});
