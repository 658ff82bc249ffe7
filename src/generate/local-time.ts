/**
 * Local wall-clock time as plain seconds. The generated files carry timestamps without
 * an offset (local time in the config's zone), so the simulation never needs a zone:
 * a time is seconds since 1970-01-01 00:00 on the local calendar, formatted as UTC.
 */

export const DAY_S = 86_400;
export const HOUR_S = 3_600;

/** Seconds at local midnight of a YYYY-MM-DD date. */
export function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`expected a date as YYYY-MM-DD, got "${text}"`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  if (new Date(ms).getUTCDate() !== d) throw new Error(`no such date: ${text}`);
  return ms / 1000;
}

/** `2026-11-20 09:15:03` (whole seconds). */
export function formatTimestamp(seconds: number): string {
  const iso = new Date(Math.floor(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function formatDay(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().slice(0, 10);
}

/** Midnight of the day that holds this time. */
export function dayOf(seconds: number): number {
  return Math.floor(seconds / DAY_S) * DAY_S;
}

/** Hour of the local day, 0..23. */
export function hourOf(seconds: number): number {
  return Math.floor((seconds - dayOf(seconds)) / HOUR_S);
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(seconds: number): number {
  return (Math.floor(seconds / DAY_S) + 3) % 7;
}

/** Yesterday's date in UTC: the default last day of generated data. */
export function yesterdayUtc(now: Date): string {
  return formatDay(Math.floor(now.getTime() / 1000) - DAY_S);
}
