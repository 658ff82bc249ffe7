import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { ensureAnomalySchema } from '../../src/anomalies/anomaly-schema.ts';

describe('anomaly macros', () => {
  it('compute the shared formulas', async () => {
    await withDb(async (db) => {
      await ensureAnomalySchema(db);
      const [row] = await db.queryJs(`select
        robust_scale(2, 5, 1) as from_mad,          -- 1.4826 x 2
        robust_scale(0, 2, 1) as from_mean_dev,     -- MAD 0: 1.2533 x 2
        robust_scale(0, 0, 0.5) as from_floor,      -- constant series: the floor
        probit_upper(0.025) as z975,                -- 1.95996
        probit_upper(0.5) as z50,                   -- 0
        probit_upper(0) as z_inf,                   -- finite even for q = 0
        mask_number('13812345678') as masked,
        mask_number('110') as service_line,
        anomaly_id('r', 'call', 'C1', date '2026-11-20', 'm') = md5('r|call|C1|2026-11-20|m') as dated_id,
        anomaly_id('r', 'file', 'f.csv', null, 'm') = md5('r|file|f.csv||m') as undated_id,
        evidence_list(['b', null, 'a', 'b']) as evidence,
        talk_ratio(1, 3) as metric_macro            -- the metric macros too: 1 / (1 + 3)`);
      expect(row!.from_mad).toBeCloseTo(2.9652, 9);
      expect(row!.from_mean_dev).toBeCloseTo(2.5066, 9);
      expect(row!.from_floor).toBe(0.5);
      expect(row!.z975 as number).toBeCloseTo(1.95996, 3);
      expect(Math.abs(row!.z50 as number)).toBeLessThan(5e-4);
      expect(Number.isFinite(row!.z_inf as number)).toBe(true);
      expect(row!.masked).toBe('*******5678');
      expect(row!.service_line).toBe('110');
      expect(row!.dated_id).toBe(true);
      expect(row!.undated_id).toBe(true);
      expect(row!.evidence).toEqual(['a', 'b']);
      expect(row!.metric_macro).toBe(0.25);
    });
  });
});
