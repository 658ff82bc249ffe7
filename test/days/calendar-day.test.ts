import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDay } from '../../src/days/calendar-day.ts';

describe('addDays', () => {
  // Counted on a calendar: October has 31 days, 2028 is a leap year, 2026 is not.
  it.each([
    ['2026-11-21', -27, '2026-10-25'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-11-21', 0, '2026-11-21'],
    ['2026-03-28', 2, '2026-03-30'],
  ])('%s plus %i days is %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  it('refuses text that is no day', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow('not a day (YYYY-MM-DD): 2026-02-30');
    expect(() => addDays('infinity', 1)).toThrow('not a day');
  });
});

describe('isCalendarDay', () => {
  it.each([
    ['2026-11-21', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-21', false],
    ['2026-11-21T00:00', false],
    ['', false],
  ])('%s: %s', (text, expected) => {
    expect(isCalendarDay(text)).toBe(expected);
  });
});
