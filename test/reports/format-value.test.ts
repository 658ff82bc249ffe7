import { describe, expect, it } from 'vitest';
import { formatChange, formatValue } from '../../src/reports/format-value.ts';
import { translator } from '../../src/reports/i18n.ts';

const en = translator('en');
const zh = translator('zh-CN');

describe('formatValue', () => {
  it('rounds for display only, with grouping', () => {
    expect(formatValue(1234567, 'count', en)).toBe('1,234,567');
    expect(formatValue(-1234.56, 'decimal1', en)).toBe('-1,234.6');
    expect(formatValue(0.1234, 'share', en)).toBe('12.3%');
    expect(formatValue(299.6, 'seconds', en)).toBe('300 s');
    expect(formatValue(299.6, 'seconds', zh)).toBe('300 秒');
    expect(formatValue(12.25, 'hours', en)).toBe('12.3 h');
  });

  it('shows anomaly values in their units: points, days, digits and a time of day', () => {
    expect(formatValue(-23.63, 'points', en)).toBe('-23.6 points');
    expect(formatValue(4.25, 'points', zh)).toBe('4.3 分');
    expect(formatValue(1.5, 'days', en)).toBe('1.5 days');
    expect(formatValue(7, 'digits', zh)).toBe('7 位');
    // Hours of the day: 22 h 10 min; 21:30; to the minute.
    expect(formatValue(22 + 10 / 60, 'clock', en)).toBe('22:10');
    expect(formatValue(21.5, 'clock', en)).toBe('21:30');
    expect(formatValue(7.999, 'clock', en)).toBe('08:00');
  });

  it('shows a dash for missing values and joins lists', () => {
    expect(formatValue(null, 'share', en)).toBe('—');
    expect(formatValue(undefined, 'text', en)).toBe('—');
    expect(formatValue(['C1', 'C2'], 'text', en)).toBe('C1, C2');
    expect(formatValue(['C1', 'C2'], 'text', zh)).toBe('C1、C2');
  });

  it('shows codes as their labels', () => {
    expect(formatValue('high', 'label', zh, 'severity')).toBe('高');
    expect(formatValue('no_such_rule', 'label', en, 'rule')).toBe('no_such_rule');
  });
});

describe('formatChange', () => {
  it('signs the change; shares change in percentage points', () => {
    // 0.13 - 0.10 = 0.03 -> 3.0 percentage points
    expect(formatChange(0.13 - 0.1, 'share', en)).toBe('+3.0 pp');
    expect(formatChange(-2, 'count', en)).toBe('-2');
    expect(formatChange(null, 'count', en)).toBe('—');
  });
});
