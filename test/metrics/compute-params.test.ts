/** The config values and day ranges the models read with getvariable. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { Database } from '../../src/db/database.ts';
import { bindConfigVariables, bindDay, bindDayRange } from '../../src/metrics/compute-params.ts';

describe('compute parameters', () => {
  it('sets each config value and day under the name the models read', async () => {
    const db = await Database.open();
    try {
      const config = parseConfig({
        short_abandon_s: 7,
        answer_target_s: 30,
        repeat_window_days: 3,
        window_days: 14,
        talk_ratio_band: [0.3, 0.6],
        sla_h: { high: 12, medium: 36, low: 96 },
        targets: { csat_mean: 4.2, audit_score: 85 },
      });
      await bindConfigVariables(db, config);
      await bindDayRange(db, 'marts', { from: '2026-11-01', to: 'infinity' });
      await bindDay(db, 'report_day', '2026-11-21');
      const names = [
        'short_abandon_s',
        'answer_target_s',
        'repeat_window_days',
        'window_days',
        'talk_band_lo',
        'talk_band_hi',
        'sla_h_high',
        'sla_h_medium',
        'sla_h_low',
        'target_csat_mean',
        'target_audit_score',
        'marts_from',
        'marts_to',
        'report_day',
      ];
      const [values] = await db.query(
        `select ${names.map((n) => `getvariable('${n}')::varchar as ${n}`).join(', ')}, typeof(getvariable('window_days')) as window_days_type`,
      );
      expect(values).toEqual({
        short_abandon_s: '7.0',
        answer_target_s: '30.0',
        repeat_window_days: '3',
        window_days: '14',
        talk_band_lo: '0.3',
        talk_band_hi: '0.6',
        sla_h_high: '12.0',
        sla_h_medium: '36.0',
        sla_h_low: '96.0',
        target_csat_mean: '4.2',
        target_audit_score: '85.0',
        marts_from: '2026-11-01',
        marts_to: 'infinity',
        report_day: '2026-11-21',
        window_days_type: 'INTEGER',
      });
    } finally {
      db.close();
    }
  });
});
