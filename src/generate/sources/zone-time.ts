/**
 * The generator keeps times as local wall-clock seconds (local-time.ts). Exports that carry
 * instants (queue_log's epochs, Amazon Connect's UTC timestamps) need the instant that
 * wall-clock time was in the centre's zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at an instant, as local seconds. */
function wallClock(epoch: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(epoch * 1000))
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) / 1000;
}

/** Epoch seconds of a local wall-clock time in `timeZone`. */
export function epochOf(local: number, timeZone: string): number {
  // The zone's offset at a first guess, then at the instant that guess gives: exact for a
  // local time that occurs once. (Asia/Shanghai, the generated centre's zone, has no DST.)
  const guess = local - (wallClock(local, timeZone) - local);
  return local - (wallClock(guess, timeZone) - guess);
}

/** Amazon Connect's timestamp form: `2026-11-20T01:00:30Z` (UTC, whole seconds). */
export function utcTimestamp(epoch: number): string {
  return `${new Date(epoch * 1000).toISOString().slice(0, 19)}Z`;
}
