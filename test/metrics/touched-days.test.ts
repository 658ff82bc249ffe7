/** Which days a set of loads reaches, through every table; and which loads a nightly still owes. */
import { describe, expect, it } from 'vitest';
import { daysTouchedBy, loadsSinceLastNightly } from '../../src/metrics/touched-days.ts';
import { withDb } from '../util/with-db.ts';

describe('daysTouchedBy', () => {
  it("reaches a call's day through its segments and surveys, an audit's, a complaint's opened day and a shift's date", async () => {
    await withDb(async (db) => {
      await db.exec(`
        insert into calls (call_id, direction, started_at, ended_at, load_id, source_line) values
          ('C20', 'inbound', '2026-11-20 23:59:00', '2026-11-21 00:03:00', 1, 2),
          ('C18', 'inbound', '2026-11-18 10:00:00', '2026-11-18 10:05:00', 1, 3),
          ('C17', 'inbound', '2026-11-17 10:00:00', '2026-11-17 10:05:00', 1, 4);
        insert into segments (call_id, speaker, start_ms, end_ms, load_id, source_line) values ('C18', 'agent', 0, 10, 2, 2);
        insert into surveys (survey_id, call_id, load_id, source_line) values ('S1', 'C17', 3, 2);
        insert into audits (audit_id, agent_id, auditor_id, audited_at, item_id, load_id, source_line) values ('U1', 'A1', 'Q1', '2026-11-12 09:00:00', 'I1', 4, 2);
        insert into complaints (complaint_id, opened_at, resolved_at, load_id, source_line) values ('K1', '2026-11-15 09:00:00', '2026-11-21 09:00:00', 4, 3);
        insert into shifts (agent_id, shift_date, start_at, end_at, load_id, source_line) values ('A1', '2026-11-10', '2026-11-10 08:00:00', '2026-11-10 17:00:00', 4, 4);
        insert into agents (agent_id, load_id, source_line) values ('A1', 5, 2);`);
      expect(await daysTouchedBy(db, [1])).toEqual({
        days: ['2026-11-17', '2026-11-18', '2026-11-20'],
        everyDay: false,
      });
      expect(await daysTouchedBy(db, [2, 3])).toEqual({ days: ['2026-11-17', '2026-11-18'], everyDay: false });
      expect(await daysTouchedBy(db, [4])).toEqual({
        days: ['2026-11-10', '2026-11-12', '2026-11-15'],
        everyDay: false,
      });
      expect(await daysTouchedBy(db, [5])).toEqual({ days: [], everyDay: true });
      expect(await daysTouchedBy(db, [])).toEqual({ days: [], everyDay: false });
    }, 'Asia/Shanghai');
  });
});

describe('loadsSinceLastNightly', () => {
  it('owes every load after the last nightly that finished, a died or failed one not counting', async () => {
    await withDb(async (db) => {
      const load = (id: number, finished: string) =>
        db.exec(
          `insert into load_log values (${id}, 'f${id}', 'h${id}', 'calls', 'csv', null, 1, 1, 0, '${finished}', '${finished}')`,
        );
      const nightly = (id: number, status: string, finished: string) =>
        db.exec(`insert into runs values (${id}, 'nightly', null, '${finished}', '${finished}', '${status}', null)`);
      await load(1, '2026-11-20 02:30:00+00');
      expect(await loadsSinceLastNightly(db)).toEqual([1]);
      await nightly(1, 'done', '2026-11-20 02:40:00+00');
      await load(2, '2026-11-21 02:30:00+00');
      await nightly(2, 'died', '2026-11-21 02:35:00+00');
      await load(3, '2026-11-21 03:00:00+00');
      await nightly(3, 'failed', '2026-11-21 03:05:00+00');
      expect(await loadsSinceLastNightly(db)).toEqual([2, 3]);
      await nightly(4, 'rejects', '2026-11-21 03:10:00+00');
      expect(await loadsSinceLastNightly(db)).toEqual([]);
    });
  });
});
