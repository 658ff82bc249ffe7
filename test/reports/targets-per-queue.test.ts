/**
 * Per-queue targets (config targets.queues): the config accepts them and checks them, the
 * database's recorded settings keep them (a file's list of queues replaces the recorded one
 * whole), and the nightly queue table shows each queue measure against that queue's target,
 * the queue's own where it has one, else the centre's, marking a missed one. The queues and
 * their figures below are made up for the test; each status is worked out by hand from the
 * rule "service level at least its target; ASA, abandon rate and AHT at most theirs".
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { queueTargetRows } from '../../src/config/queue-targets.ts';
import { dataSettings, decideSettings } from '../../src/config/recorded-config.ts';
import { renderTable } from '../../src/reports/data-table.ts';
import { translator } from '../../src/reports/i18n.ts';
import { readLayout } from '../../src/reports/report-files.ts';
import type { TableItem } from '../../src/reports/report-layout.ts';
import { reportParams } from '../../src/reports/report-params.ts';
import { runQuery } from '../../src/reports/run-report-queries.ts';
import { projectPath } from '../../src/files/project-root.ts';
import { withDb } from '../util/with-db.ts';

const DAY = '2026-11-21';

// Centre: service level ≥ 80%, ASA ≤ 20 s, abandon rate ≤ 5% (defaults), AHT ≤ 300 s.
// billing's own: service level ≥ 90%, AHT ≤ 200 s; sales's own: ASA ≤ 10 s; support: none.
const config = parseConfig({
  timezone: 'Asia/Shanghai',
  targets: {
    aht_s: 300,
    queues: { billing: { service_level: { share: 0.9 }, aht_s: 200 }, sales: { asa_s: 10 } },
  },
});

describe('targets.queues in the config', () => {
  it("gives each configured queue's own targets, the centre's first", () => {
    expect(queueTargetRows(config)).toEqual([
      { queue: null, service_level: 0.8, asa_s: 20, abandon_rate: 0.05, aht_s: 300 },
      { queue: 'billing', service_level: 0.9, asa_s: null, abandon_rate: null, aht_s: 200 },
      { queue: 'sales', service_level: null, asa_s: 10, abandon_rate: null, aht_s: null },
    ]);
  });

  it('refuses a measure that is not a queue measure, a bad share, and seconds other than answer_target_s', () => {
    expect(() => parseConfig({ targets: { queues: { billing: { csat_mean: 4 } } } })).toThrow(
      'unknown key "targets.queues.billing.csat_mean"',
    );
    expect(() => parseConfig({ targets: { queues: { billing: { abandon_rate: 5 } } } })).toThrow(
      'targets.queues.billing.abandon_rate',
    );
    expect(() =>
      parseConfig({
        answer_target_s: 15,
        targets: { queues: { billing: { service_level: { share: 0.9, within_s: 20 } } } },
      }),
    ).toThrow('targets.queues.billing.service_level.within_s must equal answer_target_s');
    expect(
      parseConfig({
        answer_target_s: 20,
        targets: { queues: { billing: { service_level: { share: 0.9, within_s: 20 } } } },
      }).targets.queues,
    ).toEqual({ billing: { service_level: { share: 0.9, within_s: 20 } } });
  });
});

describe('per-queue targets in the recorded settings', () => {
  const recorded = dataSettings(config) as unknown as Record<string, unknown>;

  it('a run without --config uses the recorded queue targets', () => {
    const { config: used, changed } = decideSettings(recorded, null, false);
    expect(used.targets.queues).toEqual(config.targets.queues);
    expect(changed).toEqual([]);
  });

  it("a file's targets.queues replaces the recorded list whole; the other targets keep their recorded values", () => {
    const {
      config: used,
      changed,
      record,
    } = decideSettings(recorded, { targets: { queues: { sales: { asa_s: 12 } } } }, false);
    // billing is left out of the file: back to the centre's targets. aht_s 300 is kept.
    expect(used.targets.queues).toEqual({ sales: { asa_s: 12 } });
    expect(used.targets.aht_s).toBe(300);
    expect(changed).toEqual(['targets.queues.billing', 'targets.queues.sales.asa_s']);
    expect(record).toBe(true);
  });
});

/** queue_daily rows: queue, day, service level, abandon rate, ASA, AHT (the counts are not judged). */
const QUEUES = `create table queue_daily as
  select *, 10 as inbound_calls, 9 as answered_inbound, 1 as abandoned, null::double as fcr_rate
  from (values
    ('billing', date '${DAY}', 0.85, 0.04, 25.0, 180.0),
    ('sales', date '${DAY}', 0.85, 0.05, 12.0, 300.0),
    ('support', date '${DAY}', 0.79, 0.06, 20.0, null),
    ('billing', date '2026-11-20', 0.10, 0.50, 99.0, 999.0)
  ) t(queue, day, service_level, abandon_rate, asa_s, aht_s)`;

async function queueDay(cfg = config) {
  return withDb(async (db) => {
    await db.exec(QUEUES);
    return (await runQuery(db, 'reports/nightly/queue_day.sql', reportParams(DAY, cfg))).rows;
  });
}

describe("the nightly queue table against each queue's targets", () => {
  it('gives each queue measure its target and status, worked out by hand', async () => {
    const rows = await queueDay();
    const pick = (r: Record<string, unknown>, measure: string) => [
      r[measure],
      r[`${measure}_target`],
      r[`${measure}_status`],
      r[`${measure}_missed`],
    ];
    const byQueue = Object.fromEntries(
      rows.map((r) => [
        r.queue,
        Object.fromEntries(['service_level', 'asa_s', 'abandon_rate', 'aht_s'].map((m) => [m, pick(r, m)])),
      ]),
    );
    expect(Object.keys(byQueue)).toEqual(['billing', 'sales', 'support']);
    expect(byQueue.billing).toEqual({
      service_level: [0.85, 0.9, 'missed', true], // 85% < its own 90%
      asa_s: [25, 20, 'missed', true], // 25 s > the centre's 20 s
      abandon_rate: [0.04, 0.05, 'met', false], // 4% ≤ 5%
      aht_s: [180, 200, 'met', false], // 180 s ≤ its own 200 s
    });
    expect(byQueue.sales).toEqual({
      service_level: [0.85, 0.8, 'met', false], // the same 85% meets the centre's 80%
      asa_s: [12, 10, 'missed', true], // 12 s > its own 10 s
      abandon_rate: [0.05, 0.05, 'met', false], // exactly at the target: met
      aht_s: [300, 300, 'met', false], // exactly at the centre's 300 s: met
    });
    expect(byQueue.support).toEqual({
      service_level: [0.79, 0.8, 'missed', true],
      asa_s: [20, 20, 'met', false],
      abandon_rate: [0.06, 0.05, 'missed', true],
      aht_s: [null, 300, null, null], // no AHT: no status
    });
  });

  it('without targets.queues every queue has the centre targets, and AHT none', async () => {
    const rows = await queueDay(parseConfig({ timezone: 'Asia/Shanghai' }));
    expect(rows.map((r) => [r.queue, r.service_level_target, r.asa_s_target, r.aht_s_target, r.aht_s_status])).toEqual([
      ['billing', 0.8, 20, null, null],
      ['sales', 0.8, 20, null, null],
      ['support', 0.8, 20, null, null],
    ]);
  });

  it('shows the target and status under each value and marks the missed ones, in both languages', async () => {
    const rows = await queueDay();
    const layout = readLayout(projectPath('reports', 'nightly.json'));
    const item = layout.sections
      .flatMap((s) => s.items)
      .find((i) => i.type === 'table' && i.id === 'queues') as TableItem;
    const cells = (lang: 'en' | 'zh-CN') => {
      const page = renderTable(item, { queue_day: { columns: Object.keys(rows[0]!), rows } }, translator(lang)).text;
      // Each body row's cells: [marked?, text without tags].
      return [...page.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map(([, row]) =>
        [...row!.matchAll(/<td( class="[^"]*")?[^>]*>(.*?)<\/td>/gs)].map(([, cls, body]) => [
          (cls ?? '').includes('marked'),
          body!
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ]),
      );
    };
    const [billing, sales, support] = cells('en');
    // Columns: queue, inbound, answered, abandoned, service level, abandon rate, ASA, AHT, FCR.
    expect(billing!.slice(4, 8)).toEqual([
      [true, '85.0% target ≥ 90.0% · missed'],
      [false, '4.0% target ≤ 5.0% · met'],
      [true, '25 s target ≤ 20 s · missed'],
      [false, '180 s target ≤ 200 s · met'],
    ]);
    expect(sales!.slice(4, 8)).toEqual([
      [false, '85.0% target ≥ 80.0% · met'],
      [false, '5.0% target ≤ 5.0% · met'],
      [true, '12 s target ≤ 10 s · missed'],
      [false, '300 s target ≤ 300 s · met'],
    ]);
    expect(support![7]).toEqual([false, '— target ≤ 300 s · —']);
    expect(cells('zh-CN')[0]![4]).toEqual([true, '85.0% 目标 ≥ 90.0% · 未达标']);
  });
});
