/**
 * A customer call that passes through several agents (docs/metrics.md, "Legs"): counted once
 * where customers are counted (center_daily), on every leg an agent handled (agent_daily,
 * AHT), and on the queue grain a leg that waited in a queue again is offered to that queue,
 * while a direct transfer to an agent (a leg without a queue) is offered to none.
 * Default targets: answered within 15 s, abandons under 5 s are short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { compute, insertValues, row, rows } from './metrics-fixture.ts';

let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:', { timezone: 'UTC' });
  await ensureSchema(db);
  // leg: wait (answered - started), handle (ended - answered)
  await insertValues(
    db,
    'calls',
    'call_id, direction, agent_id, queue, started_at, answered_at, ended_at, transferred, previous_call_id',
    `
    ('c1',   'inbound', 'a1', 'q1', '2026-11-20 10:00:00', '2026-11-20 10:00:10', '2026-11-20 10:03:10', true,  null),
    ('c1-2', 'inbound', 'a2', 'q2', '2026-11-20 10:03:10', '2026-11-20 10:03:40', '2026-11-20 10:05:40', false, 'c1'),
    ('c2',   'inbound', 'a1', 'q1', '2026-11-20 11:00:00', '2026-11-20 11:00:05', '2026-11-20 11:01:05', true,  null),
    ('c2-2', 'inbound', 'a3', null, '2026-11-20 11:01:05', '2026-11-20 11:01:05', '2026-11-20 11:04:05', false, 'c2'),
    ('c3',   'inbound', null, 'q2', '2026-11-20 12:00:00', null,                  '2026-11-20 12:00:40', false, null),
    ('c4',   'inbound', 'a2', 'q1', '2026-11-20 13:00:00', '2026-11-20 13:00:08', '2026-11-20 13:01:08', true,  null),
    ('c4-2', 'inbound', null, 'q2', '2026-11-20 13:01:08', null,                  '2026-11-20 13:01:38', false, 'c4'),
    ('c5',   'inbound', 'a1', 'q1', '2026-11-20 12:30:00', '2026-11-20 12:30:20', '2026-11-20 12:32:20', false, null)`,
  );
  // c1 10 s / 180 s; c1-2 re-queued to q2, 30 s / 120 s; c2 5 s / 60 s; c2-2 a direct
  // transfer to a3 (no queue), 0 s / 180 s; c3 abandoned in q2 after 40 s; c4 8 s / 60 s;
  // c4-2 re-queued to q2 and abandoned after 30 s; c5 20 s / 120 s.
  await compute(db);
});

afterAll(() => db.close());

describe('transfer legs', () => {
  it('counts each customer call once in the centre, by its first leg', async () => {
    expect(
      await row(
        db,
        `select calls, answered, inbound_calls, answered_inbound, abandoned, service_level, asa_s, abandon_rate, aht_s
        from center_daily`,
      ),
    ).toEqual({
      // every leg is a call handled; customers: c1, c2, c3, c4, c5
      calls: 8,
      answered: 6,
      inbound_calls: 5,
      answered_inbound: 4,
      // c3 only: c4-2's caller was answered on c4
      abandoned: 1,
      // within 15 s: c1 (10), c2 (5), c4 (8); c5 took 20 s → 3 ÷ (4 answered + 1 abandoned)
      service_level: 3 / 5,
      asa_s: (10 + 5 + 8 + 20) / 4,
      abandon_rate: 1 / 5,
      // over the six answered legs: (180 + 120 + 60 + 180 + 60 + 120) ÷ 6
      aht_s: 120,
    });
  });

  it('offers a re-queued leg to its new queue and a direct transfer to no queue', async () => {
    expect(
      await rows(
        db,
        `select queue, calls, inbound_calls, answered_inbound, abandoned, service_level, asa_s, abandon_rate, aht_s
        from queue_daily order by queue`,
      ),
    ).toEqual([
      {
        // c1, c2, c4, c5: all first legs
        queue: 'q1',
        calls: 4,
        inbound_calls: 4,
        answered_inbound: 4,
        abandoned: 0,
        service_level: 3 / 4,
        asa_s: (10 + 5 + 8 + 20) / 4,
        abandon_rate: 0,
        aht_s: (180 + 60 + 60 + 120) / 4,
      },
      {
        // c1-2 and c4-2 waited in q2 again; c3 began there. c2-2 (no queue) is in neither row.
        queue: 'q2',
        calls: 3,
        inbound_calls: 3,
        answered_inbound: 1,
        abandoned: 2,
        // c1-2 answered after 30 s: none within 15 s of 1 answered + 2 abandoned
        service_level: 0,
        asa_s: 30,
        abandon_rate: 2 / 3,
        aht_s: 120,
      },
    ]);
  });

  it('measures every agent on each leg they handled', async () => {
    expect(
      await rows(db, 'select agent_id, calls, answered, answered_inbound, aht_s from agent_daily order by agent_id'),
    ).toEqual([
      // c1 180 s, c2 60 s, c5 120 s
      { agent_id: 'a1', calls: 3, answered: 3, answered_inbound: 3, aht_s: 120 },
      // c1-2 (a later leg) 120 s, c4 60 s
      { agent_id: 'a2', calls: 2, answered: 2, answered_inbound: 2, aht_s: 90 },
      // c2-2, the direct transfer: 180 s
      { agent_id: 'a3', calls: 1, answered: 1, answered_inbound: 1, aht_s: 180 },
    ]);
  });
});
