/**
 * Call-level measures of call_facts (docs/metrics.md#call-level-measures): durations, abandon flags, answer target,
 * sales, and the local day and hour in the configured time zone.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { compute, insertValues, rows } from './metrics-fixture.ts';

const callColumns =
  'call_id, direction, agent_id, queue, started_at, answered_at, ended_at, hold_s, acw_s, disposition, sale_amount';

describe('call_facts', () => {
  it('measures durations and flags each call', async () => {
    await withDb(async (db) => {
      await insertValues(
        db,
        'calls',
        callColumns,
        `
        ('d1', 'inbound', 'a1', 'q1', '2026-11-20 10:00:00', '2026-11-20 10:00:12', '2026-11-20 10:05:12', 30, 45, 'resolved', null),
        ('d2', 'inbound', null, 'q1', '2026-11-20 10:10:00', null, '2026-11-20 10:10:03', 0, 0, null, null),
        ('d3', 'inbound', null, 'q1', '2026-11-20 10:20:00', null, '2026-11-20 10:20:05', 0, 0, null, null),
        ('d4', 'inbound', 'a1', 'q1', '2026-11-20 10:40:00', '2026-11-20 10:40:15', '2026-11-20 10:41:15', 0, 15, 'resolved', null),
        ('o1', 'outbound', 'a2', null, '2026-11-20 11:00:00', '2026-11-20 11:00:10', '2026-11-20 11:03:10', 0, 0, 'sale', 100),
        ('o2', 'outbound', 'a2', null, '2026-11-20 11:30:00', null, '2026-11-20 11:30:30', 0, 0, 'no_answer', null)`,
      );
      await compute(db);
      const facts = await rows(
        db,
        `
        select call_id, wait_s, connected_s, talk_s, handle_s, answered, abandoned, short_abandon,
          within_target, sale, sale_amount
        from call_facts order by call_id`,
      );
      expect(facts).toEqual([
        // wait 10:00:00→10:00:12 = 12; connected 10:00:12→10:05:12 = 300; talk 300 − 30 hold;
        // handle 300 + 45 wrap-up; answered within 15 s.
        {
          call_id: 'd1',
          wait_s: 12,
          connected_s: 300,
          talk_s: 270,
          handle_s: 345,
          answered: true,
          abandoned: false,
          short_abandon: false,
          within_target: true,
          sale: false,
          sale_amount: null,
        },
        // Not answered, gone after 3 s < short_abandon_s 5: a short abandon.
        {
          call_id: 'd2',
          wait_s: 3,
          connected_s: null,
          talk_s: null,
          handle_s: null,
          answered: false,
          abandoned: false,
          short_abandon: true,
          within_target: false,
          sale: false,
          sale_amount: null,
        },
        // Not answered after exactly 5 s: abandoned (wait ≥ 5).
        {
          call_id: 'd3',
          wait_s: 5,
          connected_s: null,
          talk_s: null,
          handle_s: null,
          answered: false,
          abandoned: true,
          short_abandon: false,
          within_target: false,
          sale: false,
          sale_amount: null,
        },
        // Answered after exactly 15 s: within the target (≤ 15); handle 60 + 15.
        {
          call_id: 'd4',
          wait_s: 15,
          connected_s: 60,
          talk_s: 60,
          handle_s: 75,
          answered: true,
          abandoned: false,
          short_abandon: false,
          within_target: true,
          sale: false,
          sale_amount: null,
        },
        // Outbound: wait is the ring time 10 s; no answer target for outbound (null).
        {
          call_id: 'o1',
          wait_s: 10,
          connected_s: 180,
          talk_s: 180,
          handle_s: 180,
          answered: true,
          abandoned: false,
          short_abandon: false,
          within_target: null,
          sale: true,
          sale_amount: 100,
        },
        {
          call_id: 'o2',
          wait_s: 30,
          connected_s: null,
          talk_s: null,
          handle_s: null,
          answered: false,
          abandoned: false,
          short_abandon: false,
          within_target: null,
          sale: false,
          sale_amount: null,
        },
      ]);
    });
  });

  it('cuts days and hours on the Asia/Shanghai calendar', async () => {
    await withDb(async (db) => {
      // Times given in UTC; Shanghai is UTC+8 all year.
      await insertValues(
        db,
        'calls',
        'call_id, direction, started_at, ended_at',
        `
        ('early', 'inbound', '2026-11-19 17:30:00+00', '2026-11-19 17:31:00+00'),
        ('late', 'inbound', '2026-11-20 15:59:59+00', '2026-11-20 16:00:30+00'),
        ('midnight', 'inbound', '2026-11-20 16:00:00+00', '2026-11-20 16:01:00+00')`,
      );
      await compute(db);
      expect(await rows(db, 'select call_id, day::varchar as day, hour from call_facts order by started_at')).toEqual([
        // 17:30 UTC on the 19th is 01:30 on the 20th in Shanghai.
        { call_id: 'early', day: '2026-11-20', hour: 1 },
        // 15:59:59 UTC is 23:59:59 local, still the 20th.
        { call_id: 'late', day: '2026-11-20', hour: 23 },
        // 16:00 UTC is midnight local: the 21st.
        { call_id: 'midnight', day: '2026-11-21', hour: 0 },
      ]);
      // Two calls on the local 20th, one on the 21st.
      expect(await rows(db, 'select day::varchar as day, calls from center_daily order by day')).toEqual([
        { day: '2026-11-20', calls: 2 },
        { day: '2026-11-21', calls: 1 },
      ]);
    }, 'Asia/Shanghai');
  });

  it('cuts days and hours on the America/New_York calendar across the end of DST', async () => {
    await withDb(async (db) => {
      // 2026-11-01 02:00 EDT (UTC−4) falls back to 01:00 EST (UTC−5): a 25-hour day.
      // 2026-03-08 02:00 EST springs forward to 03:00 EDT: a 23-hour day.
      await insertValues(
        db,
        'calls',
        'call_id, direction, started_at, ended_at',
        `
        ('before', 'inbound', '2026-11-01 03:59:00+00', '2026-11-01 04:00:00+00'),
        ('first_0130', 'inbound', '2026-11-01 05:30:00+00', '2026-11-01 05:31:00+00'),
        ('second_0130', 'inbound', '2026-11-01 06:30:00+00', '2026-11-01 06:31:00+00'),
        ('late', 'inbound', '2026-11-02 04:30:00+00', '2026-11-02 04:31:00+00'),
        ('next_midnight', 'inbound', '2026-11-02 05:00:00+00', '2026-11-02 05:01:00+00'),
        ('spring', 'inbound', '2026-03-08 07:30:00+00', '2026-03-08 07:31:00+00')`,
      );
      await compute(db);
      expect(await rows(db, 'select call_id, day::varchar as day, hour from call_facts order by started_at')).toEqual([
        // 07:30 UTC on 8 March is 03:30 EDT (07:00 UTC was 02:00 EST, which became 03:00).
        { call_id: 'spring', day: '2026-03-08', hour: 3 },
        // 03:59 UTC = 23:59 EDT on 31 October.
        { call_id: 'before', day: '2026-10-31', hour: 23 },
        // 05:30 UTC = 01:30 EDT, and 06:30 UTC = 01:30 EST an hour later: both hour 1 of 1 Nov.
        { call_id: 'first_0130', day: '2026-11-01', hour: 1 },
        { call_id: 'second_0130', day: '2026-11-01', hour: 1 },
        // 04:30 UTC on 2 Nov = 23:30 EST on 1 Nov (UTC−5 now; under EDT it would be 00:30).
        { call_id: 'late', day: '2026-11-01', hour: 23 },
        // 05:00 UTC on 2 Nov = midnight EST: 2 Nov.
        { call_id: 'next_midnight', day: '2026-11-02', hour: 0 },
      ]);
    }, 'America/New_York');
  });

  it('says the agent hung up first only on an answered call whose source says so', async () => {
    await withDb(async (db) => {
      await insertValues(
        db,
        'calls',
        'call_id, direction, agent_id, queue, started_at, answered_at, ended_at, disconnect_party',
        `
        ('agent', 'inbound', 'a1', 'q1', '2026-11-20 10:00:00', '2026-11-20 10:00:05', '2026-11-20 10:03:00', 'agent'),
        ('customer', 'inbound', 'a1', 'q1', '2026-11-20 10:10:00', '2026-11-20 10:10:05', '2026-11-20 10:13:00', 'customer'),
        ('unknown', 'inbound', 'a1', 'q1', '2026-11-20 10:20:00', '2026-11-20 10:20:05', '2026-11-20 10:23:00', null),
        ('unanswered', 'outbound', 'a1', null, '2026-11-20 10:30:00', null, '2026-11-20 10:30:20', 'agent')`,
      );
      await compute(db);
      // Answered and 'agent': true; answered and 'customer': false; answered with no party
      // given: unknown (null); never answered: false, whoever ended the attempt.
      expect(await rows(db, 'select call_id, agent_hung_up from call_facts order by call_id')).toEqual([
        { call_id: 'agent', agent_hung_up: true },
        { call_id: 'customer', agent_hung_up: false },
        { call_id: 'unanswered', agent_hung_up: false },
        { call_id: 'unknown', agent_hung_up: null },
      ]);
    });
  });
});
