import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/cli/parse-day.ts';

describe('parseDay', () => {
  it.each(['2026-11-21', '2028-02-29'])('takes %s', (text) => {
    expect(parseDay(text)).toBe(text);
  });

  // 2026 is no leap year; November has 30 days.
  it.each(['2026-02-29', '2026-11-31', '2026-11-1', '21/11/2026', 'yesterday', ''])('refuses "%s"', (text) => {
    expect(() => parseDay(text)).toThrow(InvalidArgumentError);
    expect(() => parseDay(text)).toThrow(`expected a day as YYYY-MM-DD, got "${text}"`);
  });
});
