import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows, type FixtureRow } from '../../util/insert-rows.ts';
import { inbound, outbound, runRule } from '../helpers.ts';

/** `count` inbound calls from one caller ID, `everyS` seconds apart from 10:00, each `durationS` long. */
function burst(
  prefix: string,
  callerId: string,
  count: number,
  everyS: number,
  durationS: (i: number) => number,
): FixtureRow[] {
  return Array.from({ length: count }, (_, i) => {
    const start = Date.UTC(2026, 10, 20, 10, 0, 0) + i * everyS * 1000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
    return inbound(`${prefix}${i}`, {
      caller_id: callerId,
      started_at: iso(start),
      ended_at: iso(start + durationS(i) * 1000),
    });
  });
}

/** Outbound calls by `agent` to the given numbers, `everyS` seconds apart from 14:00. */
function dials(agent: string, numbers: string[], everyS: number): FixtureRow[] {
  return numbers.map((number, i) => {
    const start = new Date(Date.UTC(2026, 10, 20, 14, 0, 0) + i * everyS * 1000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    return outbound(`${agent}-${i}`, {
      agent_id: agent,
      customer_number: number,
      started_at: start,
      ended_at: start,
      disposition: 'no_answer',
    });
  });
}

describe('robocall_burst', () => {
  it('flags one number placing 10 short calls within 10 minutes, not 9 or a slower series', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        // Fires: 10 calls of 15 s, one a minute: the 10th starts 9 min after the 1st.
        ...burst('R', '13900000001', 10, 60, () => 15),
        // Near miss: 10 calls 70 s apart: 10 calls span 10.5 min, at most 9 in any 10 min.
        ...burst('S', '13900000002', 10, 70, () => 15),
        // Near miss: 10 calls 30 s apart but one lasts 25 s (> 20 s): 9 short ones.
        ...burst('T', '13900000003', 10, 30, (i) => (i === 4 ? 25 : 15)),
      ]);
      const rows = await runRule(db, 'robocall_burst', { topLevel: { timezone: 'UTC' } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        entity_type: 'number',
        entity_id: '13900000001',
        day: '2026-11-20',
        metric: 'short_calls_in_window',
        value: 10,
        baseline: 10,
        score: 1,
      });
      expect(rows[0]!.evidence).toEqual(['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9']);
      expect(rows[0]!.explanation).toBe(
        'Caller ID *******0001 placed 10 inbound calls of at most 20 s within 10 minutes on 2026-11-20 (10 such calls that day), a robocall pattern.',
      );
    }, 'UTC');
  });

  it('flags an agent dialling 5 consecutive numbers within 10 minutes, not 4 or a slow run', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        // Fires: 100..104 in shuffled order, one a minute (4 min).
        ...dials('A1', ['13800000102', '13800000100', '13800000101', '13800000104', '13800000103'], 60),
        // Near miss: 200..203 and 205 (a gap breaks the run at 4).
        ...dials('A2', ['13800000200', '13800000201', '13800000202', '13800000203', '13800000205'], 60),
        // Near miss: 300..304 but 3 min apart: the run spans 12 min.
        ...dials('A3', ['13800000300', '13800000301', '13800000302', '13800000303', '13800000304'], 180),
      ]);
      const rows = await runRule(db, 'robocall_burst', { topLevel: { timezone: 'UTC' } });
      expect(rows.map((r) => [r.entity_type, r.entity_id, r.day, r.value])).toEqual([['agent', 'A1', '2026-11-20', 5]]);
      expect(rows[0]!.evidence).toEqual(['A1-0', 'A1-1', 'A1-2', 'A1-3', 'A1-4']);
    }, 'UTC');
  });
});
