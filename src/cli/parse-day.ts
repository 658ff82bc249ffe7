/** Parses a `--date` option: a real calendar day written YYYY-MM-DD, else a usage error. */
import { InvalidArgumentError } from 'commander';
import { isCalendarDay } from '../days/calendar-day.ts';

export function parseDay(text: string): string {
  if (!isCalendarDay(text)) throw new InvalidArgumentError(`expected a day as YYYY-MM-DD, got "${text}"`);
  return text;
}
