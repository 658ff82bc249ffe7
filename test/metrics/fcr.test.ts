/**
 * First-contact resolution (docs/metrics.md#first-contact-resolution): a repeat inbound call by the same customer within
 * repeat_window_days (7) makes a call unresolved; calls whose window is not over at the
 * latest data are censored (null), as are calls without a known customer.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { compute, insertValues, rows } from './metrics-fixture.ts';

describe('fcr', () => {
  it('looks for a repeat within the window and censors at the end of the data', async () => {
    await withDb(async (db) => {
      await insertValues(
        db,
        'calls',
        'call_id, direction, queue, customer_id, customer_number, started_at, answered_at, ended_at',
        `
        ('f1', 'inbound', 'q1', 'A', null, '2026-11-01 10:00:00', '2026-11-01 10:00:05', '2026-11-01 10:05:00'),
        ('f2', 'inbound', 'q1', 'A', null, '2026-11-05 09:00:00', '2026-11-05 09:00:05', '2026-11-05 09:05:00'),
        ('f3', 'inbound', 'q1', 'A', null, '2026-11-12 09:00:00', '2026-11-12 09:00:05', '2026-11-12 09:05:00'),
        ('f4', 'inbound', 'q1', 'B', null, '2026-11-15 10:00:00', '2026-11-15 10:00:05', '2026-11-15 10:05:00'),
        ('f5', 'inbound', 'q1', null, null, '2026-11-03 10:00:00', '2026-11-03 10:00:05', '2026-11-03 10:05:00'),
        ('f6', 'inbound', 'q1', null, '555', '2026-11-02 10:00:00', '2026-11-02 10:00:05', '2026-11-02 10:05:00'),
        ('f6b', 'inbound', 'q1', null, '555', '2026-11-03 10:00:00', null, '2026-11-03 10:00:30'),
        ('f7', 'inbound', 'q1', 'C', null, '2026-11-10 10:00:00', '2026-11-10 10:00:05', '2026-11-10 10:05:00'),
        ('f7b', 'outbound', null, 'C', null, '2026-11-11 10:00:00', '2026-11-11 10:00:05', '2026-11-11 10:05:00'),
        ('f8', 'inbound', 'q1', 'D', null, '2026-11-13 12:00:00', '2026-11-13 12:00:05', '2026-11-13 12:05:00'),
        ('last', 'inbound', 'q1', 'Z', null, '2026-11-20 12:00:00', '2026-11-20 12:00:05', '2026-11-20 12:05:00')`,
      );
      await compute(db);
      // The latest data: the last call start, 2026-11-20 12:00.
      expect(await rows(db, 'select call_id, fcr from call_facts order by call_id')).toEqual([
        // A calls again on 11-05 09:00, within 7 days of 11-01 10:00.
        { call_id: 'f1', fcr: false },
        // A calls again on 11-12 09:00: exactly 7 days later, still within the window.
        { call_id: 'f2', fcr: false },
        // No later call by A; the window ended 11-19 09:00, before the latest data.
        { call_id: 'f3', fcr: true },
        // B's window runs to 11-22 10:00, past the latest data: unknown.
        { call_id: 'f4', fcr: null },
        // No customer id nor number: unknown.
        { call_id: 'f5', fcr: null },
        // Known by number only; 555 calls again (unanswered) the next day: a repeat all the same.
        { call_id: 'f6', fcr: false },
        // Never answered: FCR does not apply.
        { call_id: 'f6b', fcr: null },
        // C's later call is outbound (we called them): not a repeat contact.
        { call_id: 'f7', fcr: true },
        { call_id: 'f7b', fcr: null },
        // Window ends 11-20 12:00, exactly the latest data: over, and no repeat.
        { call_id: 'f8', fcr: true },
        { call_id: 'last', fcr: null },
      ]);
      expect(
        await rows(
          db,
          `select day::varchar as day, fcr_calls, fcr_rate from queue_daily
        where day in ('2026-11-01', '2026-11-12', '2026-11-15') order by day`,
        ),
      ).toEqual([
        { day: '2026-11-01', fcr_calls: 1, fcr_rate: 0 },
        { day: '2026-11-12', fcr_calls: 1, fcr_rate: 1 },
        // f4 censored: no known call, so no rate.
        { day: '2026-11-15', fcr_calls: 0, fcr_rate: null },
      ]);
    });
  });
});
