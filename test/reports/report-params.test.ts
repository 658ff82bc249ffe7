import { describe, expect, it } from 'vitest';
import { reportParams } from '../../src/reports/report-params.ts';
import { parseConfig } from '../../src/config/load-config.ts';

describe('reportParams', () => {
  it('reaches back from the report day by calendar days', () => {
    const params = reportParams('2026-11-21', parseConfig({ window_days: 14 }));
    // Counted on a calendar: 27 days before 21 November is 25 October, 13 days before is the 8th.
    expect(
      Object.fromEntries(
        ['day', 'prev_day', 'trend_start', 'baseline_start', 'week_start', 'window_start'].map((k) => [
          k,
          String(params[k]),
        ]),
      ),
    ).toEqual({
      day: '2026-11-21',
      prev_day: '2026-11-20',
      trend_start: '2026-10-25',
      baseline_start: '2026-10-24',
      week_start: '2026-11-15',
      window_start: '2026-11-08',
    });
  });
});
