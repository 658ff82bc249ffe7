/**
 * Explanations written from a finding's facts: the template table (both languages, the same
 * facts in each, Chinese without English words or ASCII punctuation), the placeholders'
 * formats, a rule's stored facts read in Chinese, and a database made when findings stored
 * an English sentence.
 */
import { describe, expect, it } from 'vitest';
import { explain, explanationTable } from '../../src/anomalies/explain.ts';
import { ensureAnomalySchema } from '../../src/anomalies/anomaly-schema.ts';
import { RULES } from '../../src/anomalies/rules.ts';
import { translator } from '../../src/reports/i18n.ts';
import { withDb } from '../util/with-db.ts';
import { insertRows } from '../util/insert-rows.ts';
import { findings, outbound, runRule } from './helpers.ts';

const en = translator('en');
const zh = translator('zh-CN');
const PLACEHOLDER = /\{\w+\??(?::\w+)?\}/g;
const placeholders = (text: string) => (text.match(PLACEHOLDER) ?? []).sort();

describe('the explanation templates', () => {
  const { templates, clauses, phrases } = explanationTable();
  const all = { ...templates, ...clauses, ...phrases };

  it('give every rule a template, each in English and Chinese with the same facts', () => {
    for (const { name } of RULES) {
      const keys = Object.keys(templates).filter((key) => key === name || key.startsWith(`${name}.`));
      expect(keys.length, name).toBeGreaterThan(0);
    }
    for (const [key, texts] of Object.entries(all)) {
      expect(Object.keys(texts).sort(), key).toEqual(['en', 'zh-CN']);
      expect(placeholders(texts['zh-CN']), key).toEqual(placeholders(texts.en));
    }
  });

  it('write Chinese without English words or ASCII punctuation', () => {
    for (const [key, texts] of Object.entries({ ...templates, ...clauses })) {
      const words = texts['zh-CN'].replace(PLACEHOLDER, '');
      // Single letters are symbols (n, z); two or more are a word.
      expect(words, key).not.toMatch(/[A-Za-z]{2,}/);
      expect(words, key).not.toMatch(/[,.;:()]/);
    }
  });
});

describe('explain', () => {
  it('formats numbers, lists, ordinals, missing values and optional clauses in each language', () => {
    // score_divergence: places 1, 2, 3, 11 and 21 read 1st, 2nd, 3rd, 11th, 21st; 4.567 to two decimals.
    const args = (csat_place: number, team: string | null) => ({
      window_days: 90,
      to: '2026-11-20',
      agent: 'A6',
      csat_place,
      agents: 30,
      team,
      csat: 4.567,
      surveys: 1200,
      audit_place: 21,
      audit: 50,
      audits: 2,
    });
    expect(
      [1, 2, 3, 11].map(
        (place) => explain('score_divergence', args(place, 'T1'), en).split(' is ')[1]!.split(' of')[0],
      ),
    ).toEqual(['1st', '2nd', '3rd', '11th']);
    expect(explain('score_divergence', args(2, null), en)).toBe(
      'Over the 90 days to 2026-11-20, agent A6 is 2nd of 30 agents on CSAT (4.57, 1,200 surveys) but 21st on audit score (50.0, 2 audits).',
    );
    expect(explain('score_divergence', args(2, 'T1'), zh)).toBe(
      '截至 2026-11-20 的 90 天内，坐席 A6 的满意度在团队 T1 的 30 名坐席中排第 2（4.57，1,200 份调查），质检得分却排第 21（50.0，2 次质检）。',
    );
    // A sale without an agent, two complaints, a category with a name and one without any.
    const complaint = {
      call: 'C1',
      agent: null,
      sale_day: '2026-11-18',
      days: 2.25,
      day: '2026-11-20',
      complaints: ['K1', 'K2'],
      categories: ['mis_selling', null],
    };
    expect(explain('complaint_after_sale', complaint, en)).toBe(
      'The customer of sale call C1 (agent (none), 2026-11-18) complained 2.3 day(s) after the sale on 2026-11-20 (K1, K2: mis_selling, (none)).',
    );
    expect(explain('complaint_after_sale', complaint, zh)).toBe(
      '成交通话 C1（坐席 （无），2026-11-18）的客户在成交 2.3 天后于 2026-11-20 投诉（K1、K2：误导销售、（无））。',
    );
    // metric_shift: the clause on the expected AHT only when there is one; seconds in the unit of each language.
    const shift = {
      agent: 'A1',
      metric: 'aht',
      value: 200.4,
      day: '2026-11-20',
      baseline: 300,
      baseline_days: 20,
      z: -4.26,
    };
    expect(explain('metric_shift', { ...shift, expected: null }, en)).toBe(
      "Agent A1's average handle time was 200 s on 2026-11-20 against a usual 300 s (median of their previous 20 days); robust z = -4.3.",
    );
    expect(explain('metric_shift', { ...shift, expected: 310 }, zh)).toBe(
      '坐席 A1 在 2026-11-20 的平均处理时长为 200 秒，平时为 300 秒（此前 20 天的中位数；按当天的通话构成应为 310 秒）；稳健 z 值 = -4.3。',
    );
  });

  it('shows a sentence stored before findings kept their facts as it is, in every language', () => {
    const stored = JSON.stringify({ legacy: 'Sale after 31 s of talk.' });
    expect(explain('short_sale', stored, zh)).toBe('Sale after 31 s of talk.');
  });

  it("reads a rule's stored facts in Chinese", async () => {
    await withDb(async (db) => {
      // 21:30 local is 30 minutes past the window's end at 21:00.
      await insertRows(db, 'calls', [
        outbound('LATE', { agent_id: 'A1', started_at: '2026-11-20 21:30:00', ended_at: '2026-11-20 21:31:00' }),
      ]);
      await runRule(db, 'outside_hours');
      const [args] = await db.query<{ explanation_args: string }>('select explanation_args from anomalies');
      expect(explain('outside_hours', args!.explanation_args, zh)).toBe(
        '坐席 A1 于 2026-11-20 当地时间 21:30 拨出外呼通话 LATE，不在允许的外呼时段 08:00–21:00 内。',
      );
    }, 'Asia/Shanghai');
  });
});

describe('a database made when findings stored an English sentence', () => {
  it('keeps each sentence as its facts and takes new findings with facts', async () => {
    await withDb(async (db) => {
      // The anomalies table as callq created it before explanation_args.
      await db.exec(`create table anomalies (
        anomaly_id varchar primary key, rule varchar not null, severity varchar not null,
        entity_type varchar not null, entity_id varchar not null, day date, metric varchar not null,
        value double, baseline double, score double, explanation varchar not null, evidence varchar[] not null)`);
      await insertRows(db, 'anomalies', [
        {
          anomaly_id: 'old',
          rule: 'short_sale',
          severity: 'medium',
          entity_type: 'call',
          entity_id: 'C0',
          day: '2026-11-01',
          metric: 'talk_s',
          explanation: 'Agent A1 closed a sale in call C0 after only 12 s of talk.',
          evidence: '[C0]',
        },
      ]);
      await ensureAnomalySchema(db);
      await ensureAnomalySchema(db); // a second run finds nothing left to change
      await insertRows(db, 'calls', [
        outbound('LATE', { agent_id: 'A1', started_at: '2026-11-20 21:30:00', ended_at: '2026-11-20 21:31:00' }),
      ]);
      await runRule(db, 'outside_hours');
      const rows = await findings(db);
      expect(rows.map((r) => [r.anomaly_id === 'old' ? 'old' : r.rule, r.explanation])).toEqual([
        [
          'outside_hours',
          'Agent A1 dialled outbound call LATE at 21:30 local time on 2026-11-20, outside the calling window 08:00–21:00.',
        ],
        ['old', 'Agent A1 closed a sale in call C0 after only 12 s of talk.'],
      ]);
      const columns = await db.query<{ column_name: string }>(
        "select column_name from duckdb_columns() where table_name = 'anomalies' and column_name like 'explanation%'",
      );
      expect(columns.map((c) => c.column_name)).toEqual(['explanation_args']);
    }, 'Asia/Shanghai');
  });
});
