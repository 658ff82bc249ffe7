import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows, type FixtureRow } from '../../util/insert-rows.ts';
import { inbound, outbound, runRule } from '../helpers.ts';

/** `count` calls of `agent` on 2026-11-20, the first `missing` without any customer contact. */
function agentCalls(agent: string, count: number, missing: number): FixtureRow[] {
  return Array.from({ length: count }, (_, i) =>
    outbound(`${agent}-${i}`, {
      agent_id: agent,
      started_at: '2026-11-20 10:00:00',
      ended_at: '2026-11-20 10:01:00',
      customer_id: i < missing ? null : `K${i}`,
      customer_number: i < missing ? null : `1380000${String(i).padStart(4, '0')}`,
    }),
  );
}

const loadLog = (loadId: number, file: string, table: string) => ({
  load_id: loadId,
  file,
  sha256: `sha-${loadId}`,
  table,
  format: 'csv',
  rows: 1,
  loaded: 1,
  rejects: 0,
  started: '2026-11-21 01:00:00',
  finished: '2026-11-21 01:00:01',
});

describe('data_quality', () => {
  it('flags an agent-day where at least 20% of at least 10 calls name no customer', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        ...agentCalls('A1', 10, 2), // 2 / 10 = 20%: fires
        ...agentCalls('A2', 10, 1), // near miss: 10%
        ...agentCalls('A3', 9, 5), // near miss: 9 calls, too few to judge
      ]);
      const rows = await runRule(db, 'data_quality');
      expect(rows.map((r) => [r.entity_type, r.entity_id, r.day, r.value])).toEqual([
        ['agent', 'A1', '2026-11-20', 0.2],
      ]);
      // Centre: (2 + 1 + 5) missing of 29 calls.
      expect(rows[0]!.baseline).toBeCloseTo(8 / 29, 9);
      expect(rows[0]!.evidence).toEqual(['A1-0', 'A1-1']);
      expect(rows[0]!.explanation).toBe(
        "2 of agent A1's 10 calls on 2026-11-20 (20.0%) name no customer (no customer_id, no number); across the centre 27.6% do.",
      );
    }, 'Asia/Shanghai');
  });

  it('flags files with repeated keys, segments beyond the call and surveys or audits pointing nowhere', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'load_log', [
        loadLog(1, '/in/calls.csv', 'calls'),
        loadLog(2, '/in/segments.csv', 'segments'),
        loadLog(3, 'C:\\in\\surveys.csv', 'surveys'),
        loadLog(4, '/in/audits.csv', 'audits'),
        loadLog(5, '/in/agents.csv', 'agents'),
      ]);
      await insertRows(db, 'agents', [{ agent_id: 'A1' }], 5);
      await insertRows(
        db,
        'calls',
        [
          // Connected for 60 s = 60 000 ms.
          inbound('C1', {
            agent_id: 'A1',
            started_at: '2026-11-20 10:00:00',
            answered_at: '2026-11-20 10:00:00',
            ended_at: '2026-11-20 10:01:00',
          }),
          inbound('C2', {
            agent_id: 'A1',
            started_at: '2026-11-20 11:00:00',
            answered_at: '2026-11-20 11:00:00',
            ended_at: '2026-11-20 11:01:00',
          }),
        ],
        1,
      );
      await insertRows(
        db,
        'segments',
        [
          { call_id: 'C1', speaker: 'agent', start_ms: 0, end_ms: 61_001 }, // 1001 ms past the end: beyond
          { call_id: 'C2', speaker: 'agent', start_ms: 0, end_ms: 61_000 }, // near miss: exactly the 1000 ms tolerance
        ],
        2,
      );
      await insertRows(
        db,
        'surveys',
        [
          { survey_id: 'S1', call_id: 'NOPE', responded_at: '2026-11-20 12:00:00' }, // unknown call
          { survey_id: 'S2', call_id: 'C1', responded_at: '2026-11-20 12:00:00' }, // near miss
        ],
        3,
      );
      await insertRows(
        db,
        'audits',
        [
          { audit_id: 'U1', agent_id: 'A9', auditor_id: 'Q1', audited_at: '2026-11-20 15:00:00', item_id: 'i1' }, // unknown agent
          {
            audit_id: 'U2',
            agent_id: 'A1',
            auditor_id: 'Q1',
            audited_at: '2026-11-20 15:00:00',
            item_id: 'i1',
            call_id: 'C1',
          }, // near miss
        ],
        4,
      );
      // The load rejected a second C1 in calls.csv.
      await insertRows(db, 'rejects', [
        {
          load_id: 1,
          file: '/in/calls.csv',
          table: 'calls',
          line: 4,
          column: 'call_id',
          reason: 'duplicate key (first seen on line 2)',
          value: 'C1',
        },
        {
          load_id: 1,
          file: '/in/calls.csv',
          table: 'calls',
          line: 5,
          column: 'started_at',
          reason: 'not an ISO 8601 timestamp',
          value: 'x',
        },
      ]);
      const rows = await runRule(db, 'data_quality');
      expect(rows.map((r) => [r.entity_type, r.entity_id, r.day, r.metric, r.value, r.evidence])).toEqual([
        ['file', 'audits.csv', '2026-11-20', 'audits_unknown_call_or_agent', 1, ['U1']],
        ['file', 'calls.csv', '2026-11-20', 'duplicate_keys', 1, ['C1']],
        ['file', 'segments.csv', '2026-11-20', 'segments_beyond_call', 1, ['C1']],
        ['file', 'surveys.csv', '2026-11-20', 'surveys_unknown_call', 1, ['S1']],
      ]);
      expect(rows[2]!.explanation).toBe(
        'segments.csv has 1 record(s) with speech segments beyond the end of the call on 2026-11-20.',
      );
    }, 'Asia/Shanghai');
  });
});
