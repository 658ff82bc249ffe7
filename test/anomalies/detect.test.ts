import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';
import { insertRows } from '../util/insert-rows.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { detectAnomalies } from '../../src/anomalies/detect.ts';
import { compute, findings, outbound } from './helpers.ts';

const config = parseConfig({ timezone: 'Asia/Shanghai' });
/** A sale with 30 s of talk dialled at 07:00: short_sale and outside_hours both fire. */
const badSale = (id: string, day: string) =>
  outbound(id, {
    agent_id: 'A1',
    started_at: `${day} 07:00:00`,
    answered_at: `${day} 07:00:00`,
    ended_at: `${day} 07:00:30`,
    disposition: 'sale',
  });

describe('detectAnomalies', () => {
  it('gives the same ids and no duplicates when a run is repeated, all days or one', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [badSale('S1', '2026-11-19'), badSale('S2', '2026-11-20')]);
      await compute(db);
      await detectAnomalies(db, config);
      const first = await findings(db);
      expect(first.map((f) => [f.rule, f.entity_id])).toEqual([
        ['outside_hours', 'S1'],
        ['outside_hours', 'S2'],
        ['short_sale', 'S1'],
        ['short_sale', 'S2'],
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
      await compute(db);
      await detectAnomalies(db, config);
      // Both sales are corrected (longer calls) but only the 20th is recomputed and re-run:
      // the 19th keeps its findings.
      await db.exec("update calls set ended_at = ended_at + interval 5 minutes where call_id in ('S1', 'S2')");
      await db.exec("update call_facts set talk_s = talk_s + 300 where call_id in ('S1', 'S2')");
      await detectAnomalies(db, config, { day: '2026-11-20' });
      expect((await findings(db)).map((f) => [f.rule, f.entity_id])).toEqual([
        ['outside_hours', 'S1'],
        ['outside_hours', 'S2'],
        ['short_sale', 'S1'],
      ]);
    }, 'Asia/Shanghai');
  });

  it('runs only enabled rules and names the rules whose derived tables are missing', async () => {
    await withDb(async (db) => {
      await insertRows(db, 'calls', [badSale('S1', '2026-11-19')]);
      const result = await detectAnomalies(
        db,
        parseConfig({ timezone: 'Asia/Shanghai', anomalies: { caller_id_spoof: { enabled: false } } }),
      );
      expect(Object.keys(result.counts)).not.toContain('caller_id_spoof');
      expect(result.counts.outside_hours).toBe(1);
      expect(result.skipped.map((s) => s.rule)).toEqual([
        'metric_shift',
        'peer_outlier',
        'short_sale',
        'score_divergence',
        'hangup_first',
        'auditor_drift',
      ]);
      expect(result.skipped[0]!.missing).toEqual(['agent_daily', 'call_facts']);
      expect((await findings(db)).map((f) => f.rule)).toEqual(['outside_hours']);
    }, 'Asia/Shanghai');
  });

  it('survives an empty database, a day without calls and a single agent', async () => {
    await withDb(async (db) => {
      expect(await detectAnomalies(db, config)).toEqual({ range: null, counts: {}, skipped: [] });
      // One agent with one ordinary sale, hung up by the agent: nobody to compare with.
      await insertRows(db, 'calls', [
        outbound('C1', {
          agent_id: 'A1',
          customer_id: 'K1',
          started_at: '2026-11-20 10:00:00',
          answered_at: '2026-11-20 10:00:05',
          ended_at: '2026-11-20 10:05:00',
          disposition: 'sale',
          disconnect_party: 'agent',
        }),
      ]);
      await compute(db);
      const single = await detectAnomalies(db, config);
      expect(single.skipped).toEqual([]);
      expect(Object.values(single.counts).every((n) => n === 0)).toBe(true);
      const quiet = await detectAnomalies(db, config, { day: '2026-11-25' });
      expect(Object.values(quiet.counts).every((n) => n === 0)).toBe(true);
      expect(await findings(db)).toEqual([]);
    }, 'Asia/Shanghai');
  });

  it('cuts days at local midnight: a call at 00:30 in Shanghai belongs to that local day', async () => {
    await withDb(async (db) => {
      // 00:30 on the 20th in Shanghai is 16:30 UTC on the 19th.
      await insertRows(db, 'calls', [
        outbound('NIGHT', {
          agent_id: 'A1',
          started_at: '2026-11-19 16:30:00+00',
          ended_at: '2026-11-19 16:31:00+00',
          disposition: 'no_answer',
        }),
      ]);
      await detectAnomalies(db, config, { day: '2026-11-19' });
      expect(await findings(db)).toEqual([]);
      await detectAnomalies(db, config, { day: '2026-11-20' });
      expect((await findings(db)).map((f) => [f.rule, f.entity_id, f.day])).toEqual([
        ['outside_hours', 'NIGHT', '2026-11-20'],
      ]);
    }, 'Asia/Shanghai');
  });
});
