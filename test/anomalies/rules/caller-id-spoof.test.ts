import { describe, expect, it } from 'vitest';
import { withDb } from '../../util/with-db.ts';
import { insertRows } from '../../util/insert-rows.ts';
import { inbound, outbound, runRule } from '../helpers.ts';

const call = (id: string, callerId: string | null) =>
  inbound(id, { caller_id: callerId, started_at: '2026-11-20 10:00:00', ended_at: '2026-11-20 10:02:00' });

describe('caller_id_spoof', () => {
  it('flags empty, all-zero, too short, too long and protected caller IDs, not real numbers', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [
        call('EMPTY', null),
        call('ZEROS', '0000000'),
        call('SHORT', '1234'), // 4 digits < 5
        call('FIVE', '12345'), // near miss: exactly 5 digits
        call('LONG', '1234567890123456'), // 16 digits > 15
        call('FIFTEEN', '123456789012345'), // near miss: exactly 15
        call('CARRIER', '10086'), // protected (5 digits, so only the list catches it)
        call('POLICE', '110'), // protected before too short
        call('MOBILE', '+86 138-0013-8000'), // 13 digits once separators go
        outbound('OUT', { caller_id: '110', started_at: '2026-11-20 10:00:00', ended_at: '2026-11-20 10:01:00' }),
      ]);
      const rows = await runRule(db, 'caller_id_spoof');
      expect(rows.map((r) => [r.entity_id, r.metric, r.value, r.severity])).toEqual([
        ['CARRIER', 'protected_number', 5, 'high'],
        ['EMPTY', 'caller_id_empty', 0, 'medium'],
        ['LONG', 'caller_id_too_long', 16, 'medium'],
        ['POLICE', 'protected_number', 3, 'high'],
        ['SHORT', 'caller_id_too_short', 4, 'medium'],
        ['ZEROS', 'caller_id_all_zeros', 7, 'medium'],
      ]);
      expect(
        rows.every((r) => r.day === '2026-11-20' && r.evidence.length === 1 && r.evidence[0] === r.entity_id),
      ).toBe(true);
      expect(rows.find((r) => r.entity_id === 'LONG')!.explanation).toBe(
        'Inbound call LONG on 2026-11-20 presented a 16-digit caller ID ending 3456 (more than 15 digits).',
      );
    });
  });

  it('uses the configured protected numbers', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [call('BANK', '95533'), call('OTHER', '95566')]);
      const rows = await runRule(db, 'caller_id_spoof', { topLevel: { protected_numbers: ['95566'] } });
      expect(rows.map((r) => r.entity_id)).toEqual(['OTHER']);
    });
  });
});
