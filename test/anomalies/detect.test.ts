import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { insertRows } from '../util/insert-rows.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { detectAnomalies } from '../../src/anomalies/detect.ts';
import { createFactTables } from './fact-tables.ts';
import { findings, outbound } from './helpers.ts';

const config = parseConfig({ timezone: 'Asia/Shanghai' });
/** A sale with 30 s of talk dialled at 07:00: short_sale and outside_hours both fire. */
const badSale = (id: string, day: string) =>
  outbound(id, { agent_id: 'A1', started_at: `${day} 07:00:00`, answered_at: `${day} 07:00:00`, ended_at: `${day} 07:00:30`, disposition: 'sale' });

describe('detectAnomalies', () => {
  it('gives the same ids and no duplicates when a run is repeated, all days or one', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [badSale('S1', '2026-11-19'), badSale('S2', '2026-11-20')]);
      await detectAnomalies(db, config);
      const first = await findings(db);
      expect(first.map((f) => [f.rule, f.entity_id])).toEqual([
        ['outside_hours', 'S1'], ['outside_hours', 'S2'], ['short_sale', 'S1'], ['short_sale', 'S2'],
      ]);
      await detectAnomalies(db, config);
      await detectAnomalies(db, config, { day: '2026-11-20' });
      expect(await findings(db)).toEqual(first);
      // The id is the md5 of rule|entity_type|entity_id|day|metric.
      const expected = await db.scalar("select md5('short_sale|call|S1|2026-11-19|talk_s')");
      expect(first.find((f) => f.rule === 'short_sale' && f.entity_id === 'S1')!.anomaly_id).toBe(expected);
    }, 'Asia/Shanghai');
  });

  it('re-running a day replaces that day only', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [badSale('S1', '2026-11-19'), badSale('S2', '2026-11-20')]);
      await detectAnomalies(db, config);
      // The sale of the 20th is corrected (a longer call); the 19th keeps its findings.
      await db.exec("update calls set ended_at = ended_at + interval 5 minutes where call_id in ('S1', 'S2')");
      await detectAnomalies(db, config, { day: '2026-11-20' });
      expect((await findings(db)).map((f) => [f.rule, f.entity_id])).toEqual([
        ['outside_hours', 'S1'], ['outside_hours', 'S2'], ['short_sale', 'S1'],
      ]);
    }, 'Asia/Shanghai');
  });

  it('runs only enabled rules and names the rules whose derived tables are missing', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [badSale('S1', '2026-11-19')]);
      const result = await detectAnomalies(db, parseConfig({ timezone: 'Asia/Shanghai', anomalies: { short_sale: { enabled: false } } }));
      expect(Object.keys(result.counts)).not.toContain('short_sale');
      expect(result.counts.outside_hours).toBe(1);
      expect(result.skipped.map((s) => s.rule)).toEqual(['metric_shift', 'peer_outlier', 'score_divergence', 'hangup_first', 'auditor_drift']);
      expect(result.skipped[0]!.missing).toEqual(['agent_daily', 'call_facts']);
      expect((await findings(db)).map((f) => f.rule)).toEqual(['outside_hours']);
    }, 'Asia/Shanghai');
  });

  it('survives an empty database, a day without calls and a single agent', async () => {
    await withDb(async (db) => {
      await createFactTables(db);
      expect(await detectAnomalies(db, config)).toEqual({ range: null, counts: {}, skipped: [] });
      const quiet = await detectAnomalies(db, config, { day: '2026-11-20' });
      expect(Object.values(quiet.counts).every((n) => n === 0)).toBe(true);
      expect(quiet.skipped).toEqual([]);
      // One agent, one ordinary answered call and its facts: nothing to compare, nothing flagged.
      await insertRows(db, 'calls', [outbound('C1', { agent_id: 'A1', customer_id: 'K1', started_at: '2026-11-20 10:00:00', answered_at: '2026-11-20 10:00:05', ended_at: '2026-11-20 10:05:00', disposition: 'sale' })]);
      await insertRows(db, 'call_facts', [{ call_id: 'C1', day: '2026-11-20', agent_id: 'A1', direction: 'outbound', answered: true, sale: true, handle_s: 295, disconnect_party: 'agent' }]);
      await insertRows(db, 'agent_daily', [{ agent_id: 'A1', day: '2026-11-20', calls: 1, answered: 1, answered_outbound: 1, talk_calls: 0, surveys: 0, conversion_rate: 1, aht_s: 295, agent_hangup_rate: 1 }]);
      const single = await detectAnomalies(db, config);
      expect(Object.values(single.counts).every((n) => n === 0)).toBe(true);
    }, 'Asia/Shanghai');
  });
});
