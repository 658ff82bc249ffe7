/**
 * The generator's small pure pieces: the seeded PRNG, local-time arithmetic, the days-off
 * rota, CSV quoting and one call's speech timeline. Expected values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { csvText } from '../../src/generate/csv-text.ts';
import { formatTimestamp, parseDay, weekdayOf, yesterdayUtc } from '../../src/generate/local-time.ts';
import type { Call } from '../../src/generate/model.ts';
import { Rng } from '../../src/generate/prng.ts';
import { daysOffPattern } from '../../src/generate/rota.ts';
import { callSegments } from '../../src/generate/segments.ts';

describe('Rng', () => {
  it('repeats a stream for the same name and forks independent streams', () => {
    const draw = (rng: Rng) => Array.from({ length: 5 }, () => rng.next());
    expect(draw(new Rng('s'))).toEqual(draw(new Rng('s')));
    expect(draw(new Rng('s'))).not.toEqual(draw(new Rng('t')));
    expect(draw(new Rng('s').fork('a'))).toEqual(draw(new Rng('s').fork('a')));
    expect(draw(new Rng('s').fork('a'))).not.toEqual(draw(new Rng('s').fork('b')));
  });

  it('draws dice in range with the right mean', () => {
    const rng = new Rng('dice');
    const rolls = Array.from({ length: 60_000 }, () => rng.int(1, 6));
    expect(Math.min(...rolls)).toBe(1);
    expect(Math.max(...rolls)).toBe(6);
    // Mean of a fair die = 3.5; sd of the mean of 60,000 rolls = 1.708 / sqrt(60000) = 0.007.
    expect(rolls.reduce((s, x) => s + x, 0) / rolls.length).toBeCloseTo(3.5, 1);
  });
});

describe('local time', () => {
  it('formats local seconds without an offset', () => {
    // 09:15:03 = 9 * 3600 + 15 * 60 + 3 = 33303 s after midnight.
    expect(formatTimestamp(parseDay('2026-11-20') + 33_303)).toBe('2026-11-20 09:15:03');
  });

  it('knows weekdays (0 = Monday) and yesterday in UTC', () => {
    expect(weekdayOf(parseDay('2026-11-21'))).toBe(5); // a Saturday
    expect(weekdayOf(parseDay('2026-10-25'))).toBe(6); // a Sunday
    expect(yesterdayUtc(new Date('2026-11-22T01:00:00Z'))).toBe('2026-11-21');
    expect(() => parseDay('2026-02-30')).toThrow(/no such date/);
  });
});

describe('daysOffPattern', () => {
  it('gives each of 12 agents two different days off, more of them at weekends', () => {
    const pattern = daysOffPattern(12);
    for (const [a, b] of pattern as [number, number][]) expect(a).not.toBe(b);
    const offOn = (day: number) => pattern.filter((days) => days.includes(day)).length;
    // Weekend: round(12 * 0.45) = 5 off each day; the other 24 - 10 = 14 days off spread
    // over Monday..Friday as 3, 3, 3, 3, 2.
    expect([0, 1, 2, 3, 4, 5, 6].map(offOn)).toEqual([3, 3, 3, 3, 2, 5, 5]);
  });
});

describe('csvText', () => {
  it('quotes only cells that need it and writes null as empty', () => {
    expect(
      csvText(
        ['a', 'b', 'c'],
        [
          ['x', null, 'say "hi", ok'],
          [1, true, 'two\nlines'],
        ],
      ).text,
    ).toBe('a,b,c\nx,,"say ""hi"", ok"\n1,true,"two\nlines"\n');
  });
});

describe('callSegments', () => {
  const call = (direction: Call['direction'], talkRatio: number, hold_s = 0): Call => ({
    call_id: 'C1',
    direction,
    agent_id: 'A1',
    queue: null,
    campaign_id: null,
    customer_id: null,
    customer_number: null,
    caller_id: null,
    started: 0,
    answered: 10,
    ended: 10 + 240,
    hold_s,
    acw_s: 0,
    disconnect_party: 'customer',
    transferred: false,
    disposition: 'resolved',
    lead_grade: null,
    customer_tier: null,
    sale_amount: null,
    customer: null,
    talkRatio,
  });

  it('keeps every segment within the 240 s call, on a 10 ms grid, greeting within 3 s', () => {
    const segments = callSegments(call('inbound', 0.4, 30), new Rng('speech'));
    expect(segments.length).toBeGreaterThan(15);
    for (const s of segments) {
      expect(s.start_ms).toBeGreaterThanOrEqual(0);
      expect(s.end_ms).toBeGreaterThan(s.start_ms);
      expect(s.end_ms).toBeLessThanOrEqual(240_000);
      expect(s.start_ms % 10).toBe(0);
    }
    const greeting = Math.min(...segments.filter((s) => s.speaker === 'agent').map((s) => s.start_ms));
    expect(greeting).toBeLessThanOrEqual(2500);
  });

  it('follows the talk ratio and leaves the 30 s hold silent', () => {
    const rng = new Rng('ratio');
    let agent = 0;
    let all = 0;
    for (let i = 0; i < 200; i++) {
      for (const s of callSegments(call('outbound', 0.35), rng)) {
        all += s.end_ms - s.start_ms;
        if (s.speaker === 'agent') agent += s.end_ms - s.start_ms;
      }
    }
    expect(agent / all).toBeGreaterThan(0.3);
    expect(agent / all).toBeLessThan(0.4);
    // Longest stretch without speech: at least the 30 s hold.
    const segments = callSegments(call('inbound', 0.4, 30), new Rng('hold')).sort((a, b) => a.start_ms - b.start_ms);
    let reach = 0;
    let longestGap = 0;
    for (const s of segments) {
      longestGap = Math.max(longestGap, s.start_ms - reach);
      reach = Math.max(reach, s.end_ms);
    }
    expect(longestGap).toBeGreaterThanOrEqual(30_000);
  });
});
