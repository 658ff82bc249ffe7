import { describe, expect, it } from 'vitest';
import { addDays, paramsFor, reportParams } from '../../src/reports/report-params.ts';
import { parseConfig } from '../../src/config/load-config.ts';

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-21', -27)).toBe('2026-10-25');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('paramsFor', () => {
  const params = reportParams('2026-11-21', parseConfig({}));

  it('binds only the parameters the SQL names, ignoring comments', () => {
    const used = paramsFor(
      '-- uses $csat_target in prose only\nselect * from t where day between $trend_start and $day',
      params,
      'q.sql',
    );
    expect(Object.keys(used).sort()).toEqual(['day', 'trend_start']);
  });

  it('names the file and the allowed parameters when the SQL uses an unknown one', () => {
    expect(() => paramsFor('select $nope', params, 'queries/reports/x.sql')).toThrow(
      /queries\/reports\/x.sql uses \$nope.*\$day/,
    );
  });
});
