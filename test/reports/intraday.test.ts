/**
 * The nightly report's intraday view (queries/macros/intraday_macros.sql, read by
 * queries/reports/nightly/intraday.sql and intraday_worst.sql) on hand-made calls in
 * Europe/Berlin. call_facts here holds only the columns the intervals read; each call's flags
 * are set by hand by the definitions of docs/metrics.md (short_abandon_s 5, answer_target_s
 * 15): answered within 15 s counts for service level, unanswered after >= 5 s is abandoned,
 * unanswered before 5 s is a short abandon (offered, in no rate).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { renderReports } from '../../src/reports/render-reports.ts';
import type { Database } from '../../src/db/database.ts';
import { reportParams } from '../../src/reports/report-params.ts';
import { runQuery } from '../../src/reports/run-report-queries.ts';
import { withDb } from '../util/with-db.ts';
import { REPORT_DAY, withReportFixture } from './fixtures/report-fixture.ts';

const ZONE = 'Europe/Berlin';

/** [call_id, local start with its offset, direction, first leg, answered, wait_s] */
type Call = [string, string, 'inbound' | 'outbound', boolean, boolean, number];

async function loadCalls(db: Database, calls: Call[]): Promise<void> {
  await db.exec(`create table call_facts (
    call_id varchar, day date, started_at timestamptz, direction varchar, first_leg boolean,
    answered boolean, abandoned boolean, within_target boolean, wait_s double)`);
  const values = calls
    .map(([id, at, direction, first, answered, wait]) => {
      const inbound = direction === 'inbound';
      const abandoned = inbound && !answered && wait >= 5;
      const within = inbound ? String(answered && wait <= 15) : 'null';
      return `('${id}', timestamptz '${at}', '${direction}', ${first}, ${answered}, ${abandoned}, ${within}, ${wait})`;
    })
    .join(',\n');
  if (calls.length === 0) return;
  // day: the local date of the start (the session TimeZone is the configured zone).
  await db.exec(`insert into call_facts
    select id, started_at::date, started_at, direction, first_leg, answered, abandoned, within_target, wait_s
    from (values ${values}) t(id, started_at, direction, first_leg, answered, abandoned, within_target, wait_s)`);
}

async function intraday(calls: Call[], day: string, intervalMinutes: 15 | 30 | 60 = 30, file = 'intraday') {
  return withDb(async (db) => {
    await loadCalls(db, calls);
    const params = reportParams(day, parseConfig({ timezone: ZONE, interval_minutes: intervalMinutes }));
    return (await runQuery(db, `reports/nightly/${file}.sql`, params)).rows;
  }, ZONE);
}

/** n calls from a local start, one a minute: the first `within` answered after 5 s, the rest abandoned after 30 s. */
function burst(prefix: string, start: string, n: number, within: number): Call[] {
  const [date, time] = start.split(' ') as [string, string];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const at = `${date} ${String(hh).padStart(2, '0')}:${String(mm + i).padStart(2, '0')}:00+01:00`;
    return [`${prefix}${i}`, at, 'inbound', true, i < within, i < within ? 5 : 30] as Call;
  });
}

describe('intraday intervals', () => {
  // Monday 2026-11-23 in Berlin (CET, +01:00), 30-minute intervals.
  const reportDay: Call[] = [
    // 09:00-09:30: A is offered at 09:29:50 and answered 20 s later, at 09:30:10: it counts in
    // 09:00, where it was offered, and misses the 15 s target.
    ['A', '2026-11-23 09:29:50+01:00', 'inbound', true, true, 20],
    ['B', '2026-11-23 09:10:00+01:00', 'inbound', true, true, 5],
    ['C', '2026-11-23 09:20:00+01:00', 'inbound', true, false, 30], // abandoned
    ['D', '2026-11-23 09:25:00+01:00', 'inbound', true, false, 3], // short abandon
    // 09:30-10:00
    ['E', '2026-11-23 09:40:00+01:00', 'inbound', true, true, 10],
    ['F', '2026-11-23 09:45:00+01:00', 'inbound', false, true, 2], // a transfer leg: not a customer call
    ['G', '2026-11-23 09:50:00+01:00', 'outbound', true, true, 4], // outbound: not offered
    // 10:00-10:30: no call.
  ];
  const previousMondays: Call[] = [
    // 2026-11-16: 2 calls at 09:xx, both answered within target (waits 4, 6).
    ['P1', '2026-11-16 09:05:00+01:00', 'inbound', true, true, 4],
    ['P2', '2026-11-16 09:15:00+01:00', 'inbound', true, true, 6],
    // 2026-11-09: 4 calls: 2 within (10, 12), 1 answered late (30), 1 abandoned (40).
    ['P3', '2026-11-09 09:01:00+01:00', 'inbound', true, true, 10],
    ['P4', '2026-11-09 09:02:00+01:00', 'inbound', true, true, 12],
    ['P5', '2026-11-09 09:03:00+01:00', 'inbound', true, true, 30],
    ['P6', '2026-11-09 09:04:00+01:00', 'inbound', true, false, 40],
    // 2026-11-02: calls, but none at 09:xx: a day of zeros in that interval.
    ['P7', '2026-11-02 14:00:00+01:00', 'inbound', true, true, 8],
    // 2026-10-26: 2 calls at 09:xx, both abandoned (20, 25).
    ['P8', '2026-10-26 09:10:00+01:00', 'inbound', true, false, 20],
    ['P9', '2026-10-26 09:20:00+01:00', 'inbound', true, false, 25],
    // 2026-10-19 is the fifth Monday back: not in the profile.
    ['P10', '2026-10-19 09:10:00+02:00', 'inbound', true, true, 100],
  ];

  it('counts a call where it was offered, keeps empty intervals with zeros, and sets the usual profile beside them', async () => {
    const rows = await intraday([...reportDay, ...previousMondays], '2026-11-23');
    expect(rows).toHaveLength(48);
    expect(rows[0]!.interval_start).toBe('00:00');
    expect(rows[47]!.interval_start).toBe('23:30');
    const at = (label: string) => rows.find((r) => r.interval_start === label)!;
    // 09:00: offered A, B, C, D = 4; answered A, B = 2; abandoned C = 1; D is a short abandon.
    // Service level = within target (B) / (answered 2 + abandoned 1) = 1/3. ASA = (20 + 5) / 2 = 12.5.
    // Usual (4 Mondays, 11-02 with zeros): offered (2 + 4 + 0 + 2) / 4 = 2; answered (2 + 3 + 0 + 0) / 4
    // = 1.25; abandoned (0 + 1 + 0 + 2) / 4 = 0.75; service level pooled: within 2 + 2 = 4 /
    // (answered 5 + abandoned 3) = 0.5; ASA pooled: (4 + 6 + 10 + 12 + 30) / 5 = 12.4.
    expect(at('09:00')).toMatchObject({
      inbound_calls: 4,
      answered_inbound: 2,
      abandoned: 1,
      asa_s: 12.5,
      profile_days: 4,
      usual_inbound_calls: 2,
      usual_answered_inbound: 1.25,
      usual_abandoned: 0.75,
      usual_service_level: 0.5,
      usual_asa_s: 12.4,
    });
    expect(at('09:00').service_level).toBeCloseTo(1 / 3, 12);
    // 09:30: E only (F is a transfer leg, G outbound): 1 offered, answered in 10 s: 100%, ASA 10.
    // Usual: no call at 09:30 on any of the 4 Mondays: 0 offered, no service level.
    expect(at('09:30')).toMatchObject({
      inbound_calls: 1,
      answered_inbound: 1,
      abandoned: 0,
      service_level: 1,
      asa_s: 10,
      usual_inbound_calls: 0,
      usual_service_level: null,
      usual_asa_s: null,
    });
    // 10:00: no call: zeros, service level and ASA null.
    expect(at('10:00')).toMatchObject({
      inbound_calls: 0,
      answered_inbound: 0,
      abandoned: 0,
      service_level: null,
      asa_s: null,
    });
    // 14:00: nothing today; usual 1 call on 11-02 / 4 days = 0.25.
    expect(at('14:00')).toMatchObject({
      inbound_calls: 0,
      usual_inbound_calls: 0.25,
      usual_service_level: 1,
      usual_asa_s: 8,
    });
    // With fewer than 10 calls in any interval, no interval is named worst.
    expect(rows.filter((r) => r.worst_rank !== null)).toEqual([]);
  });

  it("adds the report day's intervals up to the day's own figures", async () => {
    const rows = await intraday([...reportDay, ...previousMondays], '2026-11-23');
    // The centre's day: 5 customer calls offered (A-E), 3 answered, 1 abandoned.
    const sum = (field: string) => rows.reduce((s, r) => s + Number(r[field]), 0);
    expect([sum('inbound_calls'), sum('answered_inbound'), sum('abandoned')]).toEqual([5, 3, 1]);
  });

  it('has no usual profile when no earlier same weekday has calls', async () => {
    const rows = await intraday(reportDay, '2026-11-23');
    expect(rows.find((r) => r.interval_start === '09:00')).toMatchObject({
      profile_days: 0,
      usual_inbound_calls: null,
    });
  });

  it('names the 3 intervals with the lowest service level among those with at least 10 calls', async () => {
    // Tuesday 2026-11-24, hourly intervals.
    const calls = [
      ...burst('H08-', '2026-11-24 08:00', 10, 5), // 5 / 10 = 0.5, 10 calls
      ...burst('H10-', '2026-11-24 10:00', 12, 9), // 9 / 12 = 0.75
      ...burst('H11-', '2026-11-24 11:00', 12, 6), // 6 / 12 = 0.5, 12 calls: before 08:00 on the tie
      ...burst('H13-', '2026-11-24 13:00', 9, 0), // 0 / 9 = 0 but only 9 calls: not named
      ...burst('H15-', '2026-11-24 15:00', 20, 19), // 0.95: fourth
    ];
    const rows = await intraday(calls, '2026-11-24', 60, 'intraday_worst');
    expect(rows.map((r) => [r.worst_rank, r.interval_start, r.service_level])).toEqual([
      [1, '11:00', 0.5],
      [2, '08:00', 0.5],
      [3, '10:00', 0.75],
    ]);
  });
});

describe('intraday intervals on a DST day (Europe/Berlin)', () => {
  it('2026-03-29, clocks forward at 02:00: 46 half hours, no 02:00 or 02:30', async () => {
    // 03:10 CEST is 01:10 UTC, the fifth interval after 00:00, 00:30, 01:00, 01:30.
    const rows = await intraday([['S1', '2026-03-29 03:10:00+02:00', 'inbound', true, true, 5]], '2026-03-29');
    expect(rows).toHaveLength(46); // 23 h × 2
    expect(rows.slice(2, 6).map((r) => r.interval_start)).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(rows.some((r) => String(r.interval_start).startsWith('02:'))).toBe(false);
    expect(rows[4]).toMatchObject({ interval_start: '03:00', inbound_calls: 1, service_level: 1 });
    expect(rows[45]!.interval_start).toBe('23:30');
  });

  it('2026-10-25, clocks back at 03:00: 50 half hours, 02:00 and 02:30 twice, told apart by their UTC offset', async () => {
    const calls: Call[] = [
      ['W1', '2026-10-25 02:10:00+02:00', 'inbound', true, true, 5], // first 02:00 (CEST)
      ['W2', '2026-10-25 02:10:00+01:00', 'inbound', true, true, 5], // second 02:00 (CET)
      ['W3', '2026-10-25 02:40:00+01:00', 'inbound', true, false, 30], // second 02:30, abandoned
      // The Sunday before (2026-10-18, CEST): 2 calls at 02:xx, the usual profile of both 02:00s.
      ['U1', '2026-10-18 02:05:00+02:00', 'inbound', true, true, 5],
      ['U2', '2026-10-18 02:15:00+02:00', 'inbound', true, true, 25],
    ];
    const rows = await intraday(calls, '2026-10-25');
    expect(rows).toHaveLength(50); // 25 h × 2
    expect(rows.slice(3, 9).map((r) => r.interval_start)).toEqual([
      '01:30',
      '02:00 (UTC+02:00)',
      '02:30 (UTC+02:00)',
      '02:00 (UTC+01:00)',
      '02:30 (UTC+01:00)',
      '03:00',
    ]);
    // Usual 02:00: one Sunday with calls (10-18), 2 offered, 1 of 2 within target, ASA (5 + 25) / 2 = 15.
    const usual = { profile_days: 1, usual_inbound_calls: 2, usual_service_level: 0.5, usual_asa_s: 15 };
    expect(rows[4]).toMatchObject({ inbound_calls: 1, service_level: 1, ...usual });
    expect(rows[6]).toMatchObject({ inbound_calls: 1, service_level: 1, ...usual });
    expect(rows[7]).toMatchObject({ inbound_calls: 1, abandoned: 1, service_level: 0, usual_inbound_calls: 0 });
    expect(rows[49]!.interval_start).toBe('23:30');
  });

  it('a DST day in the usual profile: a repeated interval counts twice, a skipped one not at all', async () => {
    // Sunday 2026-11-01; the Sundays before: 10-25 (clocks back), 10-18, 10-11 and 10-04 (no calls:
    // not in the profile). 02:00 occurs 3 times: 10-25 at +02:00 (1 call), 10-25 at +01:00
    // (3 calls), 10-18 (2 calls): usual (1 + 3 + 2) / 3 = 2, over 2 days.
    const back: Call[] = [
      ['B1', '2026-10-25 02:05:00+02:00', 'inbound', true, true, 5],
      ['B2', '2026-10-25 02:05:00+01:00', 'inbound', true, true, 5],
      ['B3', '2026-10-25 02:06:00+01:00', 'inbound', true, true, 5],
      ['B4', '2026-10-25 02:07:00+01:00', 'inbound', true, true, 5],
      ['B5', '2026-10-18 02:05:00+02:00', 'inbound', true, true, 5],
      ['B6', '2026-10-18 02:06:00+02:00', 'inbound', true, true, 5],
    ];
    const afterBack = await intraday(back, '2026-11-01');
    expect(afterBack).toHaveLength(48);
    expect(afterBack.find((r) => r.interval_start === '02:00')).toMatchObject({
      inbound_calls: 0,
      profile_days: 2,
      usual_inbound_calls: 2,
    });
    // Sunday 2026-04-05; 03-29 (clocks forward) has no 02:00 but a call at 10:00; 03-22 has 4 calls
    // at 02:00 and none at 10:00. Usual 02:00: 4 / 1 occurrence (03-22 only); usual 10:00:
    // (1 + 0) / 2 days = 0.5.
    const forward: Call[] = [
      ['F1', '2026-03-29 10:00:00+02:00', 'inbound', true, true, 5],
      ...[0, 1, 2, 3].map((i): Call => [`F${i + 2}`, `2026-03-22 02:0${i}:00+01:00`, 'inbound', true, true, 5]),
    ];
    const afterForward = await intraday(forward, '2026-04-05');
    expect(afterForward.find((r) => r.interval_start === '02:00')).toMatchObject({
      profile_days: 1,
      usual_inbound_calls: 4,
    });
    expect(afterForward.find((r) => r.interval_start === '10:00')).toMatchObject({
      profile_days: 2,
      usual_inbound_calls: 0.5,
    });
  });

  // 25 hours: 25 hourly intervals, 100 quarter hours.
  it.each([
    [60, 25],
    [15, 100],
  ] as const)('2026-10-25 in %i-minute intervals: %i of them', async (minutes, count) => {
    expect(await intraday([], '2026-10-25', minutes)).toHaveLength(count);
  });
});

describe('the intraday section of the nightly report', () => {
  const out = mkdtempSync(join(tmpdir(), 'callq-intraday-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  async function nightly(lang: 'en' | 'zh-CN'): Promise<string> {
    const dir = join(out, lang);
    const config = parseConfig({ timezone: 'Asia/Shanghai' });
    await withReportFixture((db) => renderReports(db, config, { day: REPORT_DAY, outDir: dir, lang }));
    return readFileSync(join(dir, REPORT_DAY, 'nightly.html'), 'utf8');
  }

  function chartData(page: string, id: string): Record<string, unknown>[] {
    const json = new RegExp(`<script type="application/json" id="chart-${id}-spec">([\\s\\S]*?)</script>`).exec(
      page,
    )?.[1];
    expect(json, id).toBeDefined();
    return (JSON.parse(json!) as { datasets: Record<string, Record<string, unknown>[]> }).datasets.intervals!;
  }

  // The fixture centre (fixtures/marts.sql), Asia/Shanghai, Saturday 2026-11-21: inbound at 09:05
  // (answered in 8 s), 09:20 (abandoned after 40 s), 09:40 (answered in 20 s), 10:10 (answered in
  // 5 s; the outbound calls of 10:10 are not offered). The only earlier Saturday with calls,
  // 2026-11-14: 09:10 and 09:15, answered in 6 s and 9 s.
  const expected = [
    // 09:00: 2 offered, 1 answered, 1 abandoned; within target 1 / (1 + 1) = 0.5; ASA 8.
    // Usual: 2 offered (one day), 2 / 2 within = 1, ASA (6 + 9) / 2 = 7.5.
    {
      interval_start: '09:00',
      inbound_calls: 2,
      answered_inbound: 1,
      abandoned: 1,
      service_level: 0.5,
      asa_s: 8,
      profile_days: 1,
      usual_inbound_calls: 2,
      usual_service_level: 1,
      usual_asa_s: 7.5,
    },
    // 09:30: answered after 20 s > 15: service level 0.
    {
      interval_start: '09:30',
      inbound_calls: 1,
      service_level: 0,
      asa_s: 20,
      usual_inbound_calls: 0,
      usual_service_level: null,
    },
    { interval_start: '10:00', inbound_calls: 1, service_level: 1, asa_s: 5 },
    { interval_start: '10:30', inbound_calls: 0, service_level: null, asa_s: null },
  ];

  it('renders in English: a section, two charts with 48 intervals of data, the worst-interval table', async () => {
    const page = await nightly('en');
    expect(page).toContain('<section class="report-section" id="intraday">');
    expect(page).toContain('<h2>Intraday</h2>');
    expect(page).toContain('Calls offered by interval, against the usual profile');
    expect(page).toContain('Worst intervals of the day');
    for (const id of ['intraday_volume', 'intraday_service']) {
      const data = chartData(page, id);
      expect(data).toHaveLength(48);
      expect(data.slice(18, 22)).toMatchObject(expected);
      expect(page).toMatch(new RegExp(`id="fig-${id}">[\\s\\S]*?<svg`));
    }
  });

  it('renders in Chinese', async () => {
    const page = await nightly('zh-CN');
    expect(page).toContain('<h2>日内时段</h2>');
    expect(page).toContain('各时段来电量与常规水平对比');
    expect(page).toContain('当天最差时段');
    expect(page).toContain('常规（前 4 周的同一星期几）');
    expect(chartData(page, 'intraday_service').slice(18, 22)).toMatchObject(expected);
  });
});
