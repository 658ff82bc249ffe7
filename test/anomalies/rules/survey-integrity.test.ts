import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import { inbound, outbound, runRule } from '../helpers.ts';

const answered = (id: string, agent = 'A1') =>
  inbound(id, {
    agent_id: agent,
    started_at: '2026-11-20 10:00:00',
    answered_at: '2026-11-20 10:00:10',
    ended_at: '2026-11-20 10:05:00',
  });

const survey = (id: string, callId: string, number: string, respondedAt = '2026-11-20 11:00:00') => ({
  survey_id: id,
  call_id: callId,
  respondent_number: number,
  responded_at: respondedAt,
  csat: 5,
});

describe('survey_integrity', () => {
  it('flags surveys from centre or agent numbers and more than 3 from one number a day', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        ...['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9'].map((id) => answered(id)),
        // A2 calls out presenting 021-8888-6666: that is an agent's number.
        outbound('O1', {
          agent_id: 'A2',
          caller_id: '021-8888-6666',
          started_at: '2026-11-19 10:00:00',
          ended_at: '2026-11-19 10:01:00',
        }),
      ]);
      await insertRows(db, 'surveys', [
        survey('S1', 'C1', '400-800-1234'), // the centre's own number (config, on digits)
        survey('S2', 'C2', '02188886666'), // agent A2's number
        // Four from one number on one day: more than 3.
        survey('S3', 'C3', '13711112222'),
        survey('S4', 'C4', '13711112222'),
        survey('S5', 'C5', '13711112222'),
        survey('S6', 'C6', '13711112222'),
        // Near miss: three from one number on one day, the fourth the next day.
        survey('S7', 'C7', '13733334444'),
        survey('S8', 'C8', '13733334444'),
        survey('S9', 'C9', '13733334444'),
        survey('S10', 'C1', '13733334444', '2026-11-21 09:00:00'),
      ]);
      const rows = await runRule(db, 'survey_integrity', { topLevel: { centre_numbers: ['4008001234'] } });
      expect(rows.map((r) => [r.entity_type, r.entity_id, r.day, r.metric, r.value, r.baseline, r.severity])).toEqual([
        ['number', '02188886666', '2026-11-20', 'agent_number', 1, 0, 'high'],
        ['number', '13711112222', '2026-11-20', 'surveys_per_number', 4, 3, 'medium'],
        ['number', '400-800-1234', '2026-11-20', 'centre_number', 1, 0, 'high'],
      ]);
      expect(rows[0]!.explanation).toBe(
        '1 survey(s) on 2026-11-20 were answered from *******6666, the number agent A2 calls out from.',
      );
      expect(rows[1]!.evidence).toEqual(['C3', 'C4', 'C5', 'C6', 'S3', 'S4', 'S5', 'S6']);
      expect(rows[1]!.score).toBeCloseTo(4 / 3, 9);
    }, 'Asia/Shanghai');
  });

  it('flags surveys on calls never answered or responded before the call ended, on the call day', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        inbound('MISSED', { started_at: '2026-11-20 10:00:00', ended_at: '2026-11-20 10:01:00' }),
        answered('EARLY'),
        answered('ONTIME'),
      ]);
      await insertRows(db, 'surveys', [
        survey('S1', 'MISSED', '13700000001', '2026-11-22 09:00:00'), // two days later: still the call's day
        survey('S2', 'EARLY', '13700000002', '2026-11-20 10:04:59'), // 1 s before the end
        survey('S3', 'ONTIME', '13700000003', '2026-11-20 10:05:00'), // near miss: at the end
      ]);
      const rows = await runRule(db, 'survey_integrity');
      expect(rows.map((r) => [r.entity_type, r.entity_id, r.day, r.evidence])).toEqual([
        ['call', 'EARLY', '2026-11-20', ['EARLY', 'S2']],
        ['call', 'MISSED', '2026-11-20', ['MISSED', 'S1']],
      ]);
      expect(rows[0]!.explanation).toBe(
        'Survey S2 on call EARLY (agent A1, 2026-11-20) was answered 1 s before the call ended.',
      );
      expect(rows[1]!.explanation).toBe('Call MISSED of 2026-11-20 was never answered, yet 1 survey(s) rate it (S1).');
    }, 'Asia/Shanghai');
  });
});
