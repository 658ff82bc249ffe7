/**
 * Complaint measures (docs/metrics.md#complaints): response and resolve hours, SLA by severity,
 * closed loop, reopen and escalation, the opened-day rates of center_daily and the backlog
 * by age band at the end of each local day.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { compute, insertValues, row, rows } from './metrics-fixture.ts';

const complaintColumns =
  'complaint_id, agent_id, severity, opened_at, first_response_at, resolved_at, follow_up_at, escalated, reopened_count';

async function insertComplaints(db: Parameters<typeof insertValues>[0]): Promise<void> {
  await insertValues(
    db,
    'complaints',
    complaintColumns,
    `
    ('k1', 'a1', 'high', '2026-11-10 08:00:00', '2026-11-10 09:30:00', '2026-11-11 06:00:00', '2026-11-11 10:00:00', false, 0),
    ('k2', 'a1', 'high', '2026-11-10 09:00:00', null, '2026-11-11 11:00:00', null, true, 0),
    ('k3', 'a1', 'medium', '2026-11-10 10:00:00', null, '2026-11-12 08:00:00', '2026-11-11 12:00:00', false, 1),
    ('k4', 'a1', 'low', '2026-11-10 12:00:00', null, null, null, false, 0),
    ('k5', 'a1', null, '2026-11-10 13:00:00', null, '2026-11-10 15:00:00', '2026-11-10 16:00:00', false, 0)`,
  );
  // Calls make 11-12, 11-14 and 11-18 centre days, so the backlog is measured on them.
  await insertValues(
    db,
    'calls',
    'call_id, direction, started_at, ended_at',
    `
    ('x12', 'inbound', '2026-11-12 10:00:00', '2026-11-12 10:01:00'),
    ('x14', 'inbound', '2026-11-14 10:00:00', '2026-11-14 10:01:00'),
    ('x18', 'inbound', '2026-11-18 10:00:00', '2026-11-18 10:01:00')`,
  );
}

describe('complaint_facts', () => {
  it('times each complaint against the SLA of its severity', async () => {
    await withDb(async (db) => {
      await insertComplaints(db);
      await compute(db);
      expect(
        await rows(
          db,
          `select complaint_id, first_response_h, resolve_h, sla_h, within_sla, closed_loop, reopened, escalated
          from complaint_facts order by complaint_id`,
        ),
      ).toEqual([
        // 08:00 → 09:30 = 1.5 h; resolved 22 h later ≤ high 24 h; followed up after resolution.
        {
          complaint_id: 'k1',
          first_response_h: 1.5,
          resolve_h: 22,
          sla_h: 24,
          within_sla: true,
          closed_loop: true,
          reopened: false,
          escalated: false,
        },
        // 26 h > 24 h: outside the SLA; no follow-up.
        {
          complaint_id: 'k2',
          first_response_h: null,
          resolve_h: 26,
          sla_h: 24,
          within_sla: false,
          closed_loop: false,
          reopened: false,
          escalated: true,
        },
        // 46 h ≤ medium 48 h; the follow-up came before the resolution, so the loop is not closed.
        {
          complaint_id: 'k3',
          first_response_h: null,
          resolve_h: 46,
          sla_h: 48,
          within_sla: true,
          closed_loop: false,
          reopened: true,
          escalated: false,
        },
        // Unresolved: not within the SLA.
        {
          complaint_id: 'k4',
          first_response_h: null,
          resolve_h: null,
          sla_h: 72,
          within_sla: false,
          closed_loop: false,
          reopened: false,
          escalated: false,
        },
        // No severity, no deadline: within_sla unknown.
        {
          complaint_id: 'k5',
          first_response_h: null,
          resolve_h: 2,
          sla_h: null,
          within_sla: null,
          closed_loop: true,
          reopened: false,
          escalated: false,
        },
      ]);
    });
  });

  it('takes the SLA hours from the config', async () => {
    await withDb(async (db) => {
      await insertComplaints(db);
      await compute(db, { config: { sla_h: { high: 30 } } });
      // k2 took 26 h: within a 30 h high-severity SLA.
      expect(await row(db, "select sla_h, within_sla from complaint_facts where complaint_id = 'k2'")).toEqual({
        sla_h: 30,
        within_sla: true,
      });
    });
  });
});

describe('center_daily complaint measures', () => {
  it('rates the complaints opened each day and ages the backlog at the end of the day', async () => {
    await withDb(async (db) => {
      await insertComplaints(db);
      await compute(db);
      const opened = await row(
        db,
        `select complaints, complaints_opened, resolution_rate, sla_rate, closed_loop_rate,
        reopen_rate, escalation_rate, median_resolve_h, p90_resolve_h from center_daily where day = '2026-11-10'`,
      );
      expect(opened).toMatchObject({
        complaints: 5,
        complaints_opened: 5,
        // resolved: k1, k2, k3, k5 of 5
        resolution_rate: 4 / 5,
        // within SLA: k1, k3 of 5 opened
        sla_rate: 2 / 5,
        // resolved and followed up after: k1, k5 of 4 resolved
        closed_loop_rate: 2 / 4,
        reopen_rate: 1 / 5,
        escalation_rate: 1 / 5,
        // resolve hours 2, 22, 26, 46: median (22 + 26) ÷ 2
        median_resolve_h: 24,
      });
      // p90 by linear interpolation: position 0.9 × (4 − 1) = 2.7 → 26 + 0.7 × (46 − 26) = 40
      expect(opened.p90_resolve_h).toBeCloseTo(40, 10);
      // agent_daily counts them on the responsible agent's opened day.
      expect(await row(db, "select complaints from agent_daily where agent_id = 'a1'")).toEqual({ complaints: 5 });

      expect(
        await rows(
          db,
          `select day::varchar as day, backlog, backlog_lt_1d, backlog_1_3d, backlog_3_7d, backlog_ge_7d
          from center_daily order by day`,
        ),
      ).toEqual([
        // End of 11-10 (11-11 00:00): k1..k4 open (k5 resolved at 15:00), aged 16, 15, 14, 12 h.
        { day: '2026-11-10', backlog: 4, backlog_lt_1d: 4, backlog_1_3d: 0, backlog_3_7d: 0, backlog_ge_7d: 0 },
        // End of 11-12: k3 was resolved 11-12 08:00; only k4 is open, 60 h old.
        { day: '2026-11-12', backlog: 1, backlog_lt_1d: 0, backlog_1_3d: 1, backlog_3_7d: 0, backlog_ge_7d: 0 },
        // End of 11-14: k4 is 108 h old.
        { day: '2026-11-14', backlog: 1, backlog_lt_1d: 0, backlog_1_3d: 0, backlog_3_7d: 1, backlog_ge_7d: 0 },
        // End of 11-18: k4 is 204 h old.
        { day: '2026-11-18', backlog: 1, backlog_lt_1d: 0, backlog_1_3d: 0, backlog_3_7d: 0, backlog_ge_7d: 1 },
      ]);
    });
  });

  it('ends the day at local midnight on a 25-hour DST day in America/New_York', async () => {
    await withDb(async (db) => {
      // Opened 00:30 EDT on 1 Nov (04:30 UTC); the day ends at 00:00 EST on 2 Nov (05:00 UTC),
      // 24.5 hours later because the clocks went back an hour.
      await insertValues(
        db,
        'complaints',
        'complaint_id, severity, opened_at',
        `('k', 'low', '2026-11-01 04:30:00+00')`,
      );
      await compute(db);
      expect(
        await row(
          db,
          `select day::varchar as day, complaints_opened, backlog, backlog_lt_1d, backlog_1_3d from center_daily`,
        ),
      ).toEqual({
        day: '2026-11-01',
        complaints_opened: 1,
        backlog: 1,
        backlog_lt_1d: 0,
        backlog_1_3d: 1,
      });
    }, 'America/New_York');
  });
});
