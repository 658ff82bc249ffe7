/**
 * The row sparkline: 120 × 28 with 3 px of padding, so x runs 3..117 and y 25 (lowest)
 * up to 3 (highest). Coordinates below are worked out from those numbers.
 */
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/reports/sparkline.ts';

const svg = (points: string, marks = '', label = 'aht') =>
  `<svg class="spark" width="120" height="28" viewBox="0 0 120 28" role="img" aria-label="${label}"><polyline points="${points}" class="spark-line"/>${marks}</svg>`;

describe('sparkline', () => {
  it('spreads the days over the width, skips a missing value and marks the flagged day', () => {
    // x = 3 + i × 114 / 3 = 3, 41, 79, 117; y = 25 − (v − 1) × 22 / 2: 1 → 25, 3 → 3, 2 → 14.
    const line = sparkline(
      [
        { x: 'd1', y: 1, marked: false },
        { x: 'd2', y: 3, marked: true },
        { x: 'd3', y: null, marked: true },
        { x: 'd4', y: 2, marked: false },
      ],
      'aht',
    );
    expect(line.text).toBe(
      svg('3.0,25.0 41.0,3.0 117.0,14.0', '<circle cx="41.0" cy="3.0" r="2.5" class="spark-mark"/>'),
    );
  });

  it('draws a flat line at mid-height when every value is the same, and escapes the label', () => {
    // hi = lo: y = 25 − 22 / 2 = 14; one point sits at x = 3.
    expect(sparkline([{ x: 'd1', y: 5, marked: false }], 'a"<b').text).toBe(svg('3.0,14.0', '', 'a&quot;&lt;b'));
  });

  it('is empty without values', () => {
    expect(sparkline([{ x: 'd1', y: null, marked: true }], 'aht').text).toBe('');
  });
});
