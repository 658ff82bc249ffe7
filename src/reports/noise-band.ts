/**
 * Is a change news or noise? The 95% interval of the report day's own figure, and whether a
 * figure it is compared with (the day before, the same weekday a week before, the 4-week
 * same-weekday mean) lies inside it: then the change is shown as within noise, neither good
 * nor bad. Which interval fits a measure is set per KPI in the report layout (`noise`):
 * - wilson: a rate k/n (service level, abandon rate, conversion), the Wilson score interval
 *   of the day's rate over its denominator n;
 * - poisson: a count (calls, sales, complaints), the score interval of a Poisson count;
 * - normal: a mean (AHT, ASA, CSAT, audit score). The marts keep no per-call spread of a
 *   day, so the band is the day's value ± z × the standard deviation of the measure's
 *   daily values over the 28 days before (the day-to-day spread), a normal approximation.
 */
export const Z95 = 1.959963984540054;

export type NoiseKind = 'wilson' | 'poisson' | 'normal' | 'none';

export type Interval = readonly [lo: number, hi: number];

/** Wilson score interval of the proportion k/n; null when n is 0. */
export function wilsonInterval(k: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [centre - half, centre + half];
}

/** Score interval of a Poisson rate from one observed count x: x + z²/2 ± z·√(x + z²/4). */
export function poissonInterval(x: number, z = Z95): Interval | null {
  if (!(x >= 0)) return null;
  const z2 = z * z;
  const half = z * Math.sqrt(x + z2 / 4);
  return [Math.max(0, x + z2 / 2 - half), x + z2 / 2 + half];
}

/** value ± z × spread (a normal approximation); null without a spread. */
export function normalInterval(value: number, spread: number | null, z = Z95): Interval | null {
  if (spread === null || !Number.isFinite(spread)) return null;
  return [value - z * spread, value + z * spread];
}

/** The interval of a tile's value by its kind; null when there is none (no noise band drawn). */
export function dayInterval(kind: NoiseKind, value: number, n: number | null, spread: number | null): Interval | null {
  switch (kind) {
    case 'wilson':
      return n === null ? null : wilsonInterval(value * n, n);
    case 'poisson':
      return poissonInterval(value);
    case 'normal':
      return normalInterval(value, spread);
    case 'none':
      return null;
  }
}

export function inside(interval: Interval | null, x: number): boolean {
  return interval !== null && x >= interval[0] && x <= interval[1];
}
