/**
 * The stretch sweep of int_talk_listen (one pass in start order, summing what each start to
 * the next holds): timelines drawn by hand for what it reads at the boundary to the next
 * segment (several segments at one instant, a touching turn, a gap of exactly 1000 ms, the
 * agent's first turn inside the customer's speech, a last segment that is not the furthest
 * reaching), and the old sweep of start and end events (events-sweep/) against the new one on
 * generated diarised speech: every call, every measure, equal.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { writeDiarisation } from '../../bench/make-diarisation.ts';
import { TALK_LISTEN_COLUMNS, talkListenInputs, talkListenStep } from '../../bench/talk-listen.ts';
import { withDb } from '../util/with-db.ts';
import { rows, talkListenByCall } from './metrics-fixture.ts';

describe('the stretch sweep, on timelines drawn by hand', () => {
  it.each(
    [
      {
        name: 'reads ties, touching turns and the 1000 ms gap rule at the boundary to the next segment',
        // Answered 10:00:00, ended 10:00:20: connected 20 000 ms.
        calls: `('ties', 'inbound', 'a1', '2026-11-20 10:00:00', '2026-11-20 10:00:00', '2026-11-20 10:00:20')`,
        segments: `
        ('ties', 'agent', 20000, 21000),
        ('ties', 'customer', 19000, 25000),
        ('ties', 'agent', 11400, 13500),
        ('ties', 'agent', 10000, 10200),
        ('ties', 'agent', 10000, 10400),
        ('ties', 'customer', 9800, 10000),
        ('ties', 'agent', 9500, 9800),
        ('ties', 'agent', 8500, 9500),
        ('ties', 'customer', 7800, 9000),
        ('ties', 'agent', 7500, 8000),
        ('ties', 'agent', 6000, 7000),
        ('ties', 'customer', 3500, 6000),
        ('ties', 'agent', 3000, 4000),
        ('ties', 'customer', 1000, 2000),
        ('ties', 'agent', 1000, 3000)`,
        expected: {
          ties: {
            // 20000-21000 starts at the end and is dropped; 19000-25000 is cut to 19000-20000.
            // Agent turns (touching pieces are one turn; 10000-10200 lies inside 10000-10400):
            //   [1000,4000] 3000 + [6000,7000] 1000 + [7500,8000] 500 + [8500,9800] 1300
            //   + [10000,10400] 400 + [11400,13500] 2100 = 8300
            agent_talk_ms: 8300,
            // Customer: [1000,2000] 1000 + [3500,6000] 2500 + [7800,9000] 1200 + [9800,10000] 200
            //   + [19000,20000] 1000 = 5900
            customer_talk_ms: 5900,
            // Both: [1000,2000] 1000 + [3500,4000] 500 + [7800,8000] 200 + [8500,9000] 500 = 2200;
            // 6000, 9800 and 10000 are instants where one stops as the other starts.
            overlap_ms: 2200,
            // Anyone speaking: 8300 + 5900 − 2200 = 12000 of 20000.
            silence_ms: 8000,
            talk_ratio: expect.closeTo(8300 / 14200, 12),
            // Turn starts: 1000 (the customer starts at the same instant: not under way), 6000
            // (the customer's 3500-6000 ends there), 7500 (nobody), 8500 (inside 7800-9000: one),
            // 10000 (9800-10000 ends there), 11400 (nobody).
            interruptions: 1,
            // Monologues: [1000,4000] 3000; 6000 starts anew (gap 2000); 7500 joins it (gap 500,
            // silent): [6000,8000] 2000; 8500 starts anew (the customer speaks in 8000-8500):
            // [8500,9800] 1300; 10000 starts anew (the customer speaks in 9800-10000); 11400
            // joins it (gap exactly 1000 from 10400, silent): [10000,13500] 3500.
            longest_monologue_ms: 3500,
            greeting_ms: 1000,
          },
        },
      },
      {
        name: 'runs the last stretch to the furthest reach, and counts a first turn inside the customer',
        // Both connected 10 000 ms.
        calls: `
        ('agent_only', 'outbound', 'a1', '2026-11-20 10:00:00', '2026-11-20 10:00:00', '2026-11-20 10:00:10'),
        ('first_turn_inside', 'inbound', 'a1', '2026-11-20 11:00:00', '2026-11-20 11:00:00', '2026-11-20 11:00:10')`,
        segments: `
        ('agent_only', 'agent', 8000, 12000),
        ('agent_only', 'agent', 2000, 3000),
        ('agent_only', 'agent', 0, 9000),
        ('first_turn_inside', 'agent', 2000, 3000),
        ('first_turn_inside', 'customer', 0, 5000)`,
        expected: {
          // [0,9000] holds [2000,3000]; [8000,12000] is cut to [8000,10000]: one turn [0,10000].
          agent_only: {
            agent_talk_ms: 10000,
            customer_talk_ms: 0,
            overlap_ms: 0,
            silence_ms: 0,
            talk_ratio: 1,
            interruptions: 0,
            longest_monologue_ms: 10000,
            greeting_ms: 0,
          },
          // The agent's first turn, [2000,3000], starts inside the customer's [0,5000].
          first_turn_inside: {
            agent_talk_ms: 1000,
            customer_talk_ms: 5000,
            overlap_ms: 1000,
            silence_ms: 5000,
            talk_ratio: 1000 / 6000,
            interruptions: 1,
            longest_monologue_ms: 1000,
            greeting_ms: 2000,
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

describe('the stretch sweep against the old sweep of start and end events', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callq-talk-listen-'));
  const oldSql = (name: string) => readFileSync(join(import.meta.dirname, 'events-sweep', `${name}.sql`), 'utf8');
  let db: Database;

  beforeAll(async () => {
    db = await Database.open(':memory:');
    // Diarised speech (make-diarisation.ts): overlaps within and across speakers, speech past
    // the end, rows out of order; on a 10 ms grid and on a 500 ms one, where many segments
    // start and end at the same instant.
    for (const [set, gridMs] of [
      ['fine', 10],
      ['coarse', 500],
    ] as const) {
      writeDiarisation(join(dir, set), { calls: 3000, seed: gridMs, gridMs });
      await talkListenInputs(db, join(dir, set));
      await db.exec(`create or replace temp view int_segments_clipped as ${oldSql('int_segments_clipped')}`);
      await db.exec(`create temp table old_${set} as ${oldSql('int_talk_listen')}`);
      await talkListenStep(db);
      await db.exec(`create temp table new_${set} as select * from int_talk_listen`);
    }
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const SETS = ['fine', 'coarse'];

  it.each(SETS)('gives every call the same measures (%s grid)', async (set) => {
    const [counts] = await rows(
      db,
      `
        select
          count(*) as calls,
          count(*) filter (where old.call_id is null or new.call_id is null
            or ${TALK_LISTEN_COLUMNS.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')}) as differing,
          count(*) filter (where old.overlap_ms > 0) as with_overlap,
          count(*) filter (where old.interruptions > 0) as with_interruptions,
          count(*) filter (where old.longest_monologue_ms > 0) as with_monologue
        from old_${set} old full join new_${set} new using (call_id)`,
    );
    expect(counts!.differing).toBe(0);
    // The data holds what the sweep must get right.
    expect(counts!.calls).toBeGreaterThan(2500);
    expect(counts!.with_overlap).toBeGreaterThan(1000);
    expect(counts!.with_interruptions).toBeGreaterThan(500);
    expect(counts!.with_monologue).toBeGreaterThan(2500);
  });

  it.each(SETS)('keeps the column types (%s grid)', async (set) => {
    const types = (table: string) =>
      db.query(
        `select column_name, data_type from information_schema.columns where table_name = '${table}' order by ordinal_position`,
      );
    expect(await types(`new_${set}`)).toEqual(await types(`old_${set}`));
  });
});
