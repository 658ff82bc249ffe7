import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import { inbound, outbound, runRule } from '../helpers.ts';

const dial = (id: string, startedAt: string) =>
  outbound(id, { agent_id: 'A1', started_at: startedAt, ended_at: startedAt, disposition: 'no_answer' });

describe('outside_hours', () => {
  it('flags outbound calls before 08:00 or after 21:00 local, in New York local time', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        dial('EARLY', '2026-11-20 07:59:30'), // 30 s before the window
        dial('START', '2026-11-20 08:00:00'), // on the edge: inside
        dial('END', '2026-11-20 21:00:00'), // on the edge: inside
        dial('LATE', '2026-11-20 21:00:06'), // 6 s after
        // 04:30 UTC on the 21st is 23:30 on the 20th in New York (UTC−5 in November).
        dial('UTC', '2026-11-21 04:30:00+00'),
        // Inbound calls at night are not dialled by the centre.
        inbound('IN', { started_at: '2026-11-20 23:00:00', ended_at: '2026-11-20 23:01:00' }),
      ]);
      const rows = await runRule(db, 'outside_hours', { topLevel: { timezone: 'America/New_York' } });
      expect(rows.map((r) => [r.entity_id, r.day])).toEqual([
        ['EARLY', '2026-11-20'],
        ['LATE', '2026-11-20'],
        ['UTC', '2026-11-20'],
      ]);
      const [early, late, utc] = rows;
      expect(early!.value).toBeCloseTo((7 * 3600 + 59 * 60 + 30) / 3600, 9);
      expect(early!.baseline).toBe(8);
      expect(early!.score).toBeCloseTo(0.5, 9); // minutes outside
      expect(late!.score).toBeCloseTo(0.1, 9); // 6 s = 0.1 min
      expect(utc!.score).toBeCloseTo(150, 9); // 23:30 − 21:00
      expect(utc!.severity).toBe('high'); // an hour or more outside
      expect(early!.severity).toBe('medium');
      expect(utc!.explanation).toBe(
        'Agent A1 dialled outbound call UTC at 23:30 local time on 2026-11-20, outside the calling window 08:00–21:00.',
      );
    }, 'America/New_York');
  });

  it('follows calling_window from the config', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [dial('A', '2026-11-20 08:30:00'), dial('B', '2026-11-20 09:00:00')]);
      const rows = await runRule(db, 'outside_hours', {
        topLevel: { calling_window: { start: '09:00', end: '20:00' } },
      });
      expect(rows.map((r) => r.entity_id)).toEqual(['A']);
    }, 'Asia/Shanghai');
  });
});
