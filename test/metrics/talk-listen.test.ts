/**
 * Talk-listen measures from raw speech segments (docs/metrics.md#talk-listen), worked out by hand on timelines
 * drawn for the test: overlapping and unsorted segments, segments past the call end, the
 * 1000 ms monologue gap rule, interruptions, greeting time and silence.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { talkListenByCall } from './metrics-fixture.ts';

const NO_TALK_LISTEN = {
  agent_talk_ms: null,
  customer_talk_ms: null,
  overlap_ms: null,
  silence_ms: null,
  talk_ratio: null,
  interruptions: null,
  longest_monologue_ms: null,
  greeting_ms: null,
};

describe('talk-listen in call_facts', () => {
  it.each(
    [
      {
        name: 'unions overlapping, unsorted segments, clips them to the call and applies the gap rule',
        // Answered 10:00:00, ended 10:01:00: connected 60 000 ms.
        calls: `('t1', 'outbound', 'a1', '2026-11-20 09:59:50', '2026-11-20 10:00:00', '2026-11-20 10:01:00')`,
        // Inserted out of order on purpose.
        segments: `
        ('t1', 'customer', 50000, 70000),
        ('t1', 'agent', 37000, 39500),
        ('t1', 'agent', 3000, 7000),
        ('t1', 'customer', 8000, 12000),
        ('t1', 'agent', 65000, 66000),
        ('t1', 'agent', 1000, 5000),
        ('t1', 'agent', 10000, 11000),
        ('t1', 'customer', 44500, 44800),
        ('t1', 'agent', 8500, 8800),
        ('t1', 'customer', 20000, 30000),
        ('t1', 'agent', 30000, 36000),
        ('t1', 'agent', 41000, 41500),
        ('t1', 'agent', 7500, 9000),
        ('t1', 'customer', 44000, 45000)`,
        expected: {
          t1: {
            // Agent union (65000-66000 lies past the end and is dropped; 3000-7000 overlaps
            // 1000-5000; 8500-8800 lies inside 7500-9000):
            //   [1000,7000] 6000 + [7500,9000] 1500 + [10000,11000] 1000 + [30000,36000] 6000
            //   + [37000,39500] 2500 + [41000,41500] 500 = 17500
            agent_talk_ms: 17500,
            // Customer union (50000-70000 clipped to 50000-60000; 44500-44800 inside 44000-45000):
            //   [8000,12000] 4000 + [20000,30000] 10000 + [44000,45000] 1000 + [50000,60000] 10000 = 25000
            customer_talk_ms: 25000,
            // Both at once: [8000,9000] 1000 + [10000,11000] 1000; [30000,36000] only touches
            // the customer's [20000,30000] = 2000
            overlap_ms: 2000,
            // Anyone speaking: 17500 + 25000 − 2000 = 40500; silence = 60000 − 40500
            silence_ms: 19500,
            // 17500 ÷ (17500 + 25000)
            talk_ratio: expect.closeTo(17500 / 42500, 12),
            // Agent turns starting strictly inside a customer segment: 10000 (inside 8000-12000).
            // 8500 is inside the customer's segment too but is part of the turn begun at 7500;
            // 30000 starts exactly when the customer's segment ends, so not strictly inside.
            interruptions: 1,
            // Monologues: [1000,7000] + [7500,9000] (gap 500, silent) = [1000,9000] 8000;
            // [10000,11000] starts anew (gap 1000 but the customer speaks in it; joined it would
            // make [1000,11000] 10000); [30000,36000] + [37000,39500] (gap exactly 1000, silent)
            // = [30000,39500] 9500 (a rule of "< 1000" would give 8000 here);
            // [41000,41500] starts anew (gap 1500) 500. Longest: 9500.
            longest_monologue_ms: 9500,
            // First agent segment starts at 1000.
            greeting_ms: 1000,
          },
        },
      },
      {
        name: 'does not count a start shared with the customer, nor a touching piece of the same turn',
        // Connected 10 000 ms.
        calls: `('t2', 'inbound', 'a1', '2026-11-20 10:00:00', '2026-11-20 10:00:00', '2026-11-20 10:00:10')`,
        segments: `
        ('t2', 'agent', 3000, 4000),
        ('t2', 'customer', 0, 5000),
        ('t2', 'agent', 0, 2000),
        ('t2', 'agent', 2500, 3000)`,
        expected: {
          t2: {
            // Agent union [0,2000] + [2500,4000] (2500-3000 and 3000-4000 touch: one turn) = 3500.
            agent_talk_ms: 3500,
            customer_talk_ms: 5000,
            // The agent speaks only while the customer does: overlap = 3500.
            overlap_ms: 3500,
            // Union of all [0,5000]: silence 10000 − 5000.
            silence_ms: 5000,
            talk_ratio: expect.closeTo(3500 / 8500, 12),
            // Turn at 0 starts with the customer (not strictly inside); turn at 2500 is inside
            // [0,5000]; 3000 continues that turn.
            interruptions: 1,
            // [0,2000] 2000; [2500,4000] cannot join it: the customer speaks in the 500 ms gap.
            longest_monologue_ms: 2000,
            greeting_ms: 0,
          },
        },
      },
      {
        name: 'leaves talk-listen null without speech inside the connected time',
        calls: `
        ('no_timeline', 'inbound', 'a1', '2026-11-20 10:00:00', '2026-11-20 10:00:05', '2026-11-20 10:01:00'),
        ('all_past_end', 'inbound', 'a1', '2026-11-20 11:00:00', '2026-11-20 11:00:00', '2026-11-20 11:00:10'),
        ('never_answered', 'inbound', null, '2026-11-20 12:00:00', null, '2026-11-20 12:00:30'),
        ('customer_only', 'inbound', 'a1', '2026-11-20 13:00:00', '2026-11-20 13:00:00', '2026-11-20 13:00:10')`,
        segments: `
        ('all_past_end', 'agent', 10000, 12000),
        ('never_answered', 'agent', 0, 1000),
        ('customer_only', 'customer', 1000, 4000)`,
        expected: {
          no_timeline: NO_TALK_LISTEN,
          all_past_end: NO_TALK_LISTEN,
          never_answered: NO_TALK_LISTEN,
          // Only the customer spoke: agent 0, ratio 0 ÷ 3000 = 0, no monologue, no greeting.
          customer_only: {
            agent_talk_ms: 0,
            customer_talk_ms: 3000,
            overlap_ms: 0,
            silence_ms: 7000,
            talk_ratio: 0,
            interruptions: 0,
            longest_monologue_ms: 0,
            greeting_ms: null,
          },
        },
      },
    ].map((c) => [c.name, c] as const),
  )('%s', async (_name, { calls, segments, expected }) => {
    await withDb(async (db) => {
      expect(await talkListenByCall(db, { calls, segments })).toEqual(expected);
    });
  });
});
