import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/reports/render-chart.ts';
import { translator } from '../../src/reports/i18n.ts';

const en = translator('en');

const lineSpec = {
  data: { name: 'days' },
  width: 200,
  height: 80,
  mark: 'line',
  encoding: {
    x: { field: 'day', type: 'temporal', timeUnit: 'utcyearmonthdate', axis: { format: '%m-%d' } },
    y: { field: 'v', type: 'quantitative', title: 't:axis.value' },
    color: { field: 'who', type: 'nominal' },
  },
};
const days = [
  { day: '2026-11-20', v: 1, who: '<img src=x onerror=alert(1)>' },
  { day: '2026-11-21', v: 2, who: '<img src=x onerror=alert(1)>' },
];

describe('renderChart', () => {
  it('renders static SVG with the data attached and labels translated', async () => {
    const chart = await renderChart(lineSpec, { days }, en, 'chart-t');
    expect(chart.warnings).toEqual([]);
    expect(chart.svg).toContain('>Value</text>');
    expect(chart.spec.datasets).toEqual({ days });
  });

  it('escapes text from data', async () => {
    const { svg } = await renderChart(lineSpec, { days }, en, 'chart-t');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x');
  });

  it('writes the same SVG on every run, whatever the machine time zone', async () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      const first = await renderChart(lineSpec, { days }, en, 'chart-t');
      process.env.TZ = 'America/New_York';
      const second = await renderChart(lineSpec, { days }, en, 'chart-t');
      expect(second.svg).toBe(first.svg);
      // The day axis reads the local calendar days of the data, not shifted by the zone.
      expect(first.svg).toContain('>11-20</text>');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('scopes the SVG ids (gradients, clip paths) to the chart', async () => {
    const heat = {
      data: { name: 'cells' },
      mark: 'rect',
      encoding: {
        x: { field: 'h', type: 'ordinal' },
        color: { field: 'v', type: 'quantitative' },
      },
    };
    const { svg } = await renderChart(
      heat,
      {
        cells: [
          { h: 1, v: 1 },
          { h: 2, v: 3 },
        ],
      },
      en,
      'chart-heat',
    );
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^chart-heat-/);
    for (const ref of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });

  it('reports vega-lite warnings instead of printing them', async () => {
    const spec = { ...lineSpec, encoding: { ...lineSpec.encoding, size: { type: 'quantitative' } } };
    const chart = await renderChart(spec, { days }, en, 'chart-t');
    expect(chart.warnings.join('\n')).toMatch(/warning: Dropping .* from channel "size"/);
  });
});
