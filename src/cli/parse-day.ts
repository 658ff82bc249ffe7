/** Parses a `--date` option: a real calendar day written YYYY-MM-DD, else a usage error. */
import { InvalidArgumentError } from 'commander';

export function parseDay(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== text)
    throw new InvalidArgumentError(`expected a day as YYYY-MM-DD, got "${text}"`);
  return text;
}
