/**
 * The rule catalogue (src/anomalies/rule-catalogue.ts) holds together with the rules and the
 * report labels: every rule has its Score, units and texts; every unit is a report format;
 * the metrics it names are the rules' own; every placeholder of a rule's texts is filled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCatalogue, ruleFacts, VALUE_UNITS } from '../../src/anomalies/rule-catalogue.ts';
import { RULES } from '../../src/anomalies/rules.ts';
import { PEER_METRICS, SHIFT_METRICS } from '../../src/config/anomaly-settings.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { FORMATS } from '../../src/reports/report-layout.ts';
import { LANGS, loadDictionary } from '../../src/reports/i18n.ts';
import { QUERIES_DIR } from '../../src/db/sql-files.ts';

const config = parseConfig({});
const facts = ruleFacts(config);
const dictionary = loadDictionary();
const ruleSql = (rule: string) => readFileSync(join(QUERIES_DIR, 'anomalies', `${rule}.sql`), 'utf8');

describe('rule catalogue', () => {
  it("describes every rule, in the rules' order", () => {
    expect(ruleCatalogue(config).map((e) => e.rule)).toEqual(RULES.map((r) => r.name));
    expect(ruleCatalogue(config).map((e) => e.position)).toEqual(RULES.map((_, i) => i + 1));
  });

  it('gives values units that are report formats', () => {
    for (const unit of VALUE_UNITS) expect(FORMATS).toContain(unit);
  });

  it('names the metrics the rules write, and every metric a rule writes by name', () => {
    expect(Object.keys(facts.metric_shift.metrics)).toEqual([...SHIFT_METRICS]);
    expect(Object.keys(facts.peer_outlier.metrics)).toEqual([...PEER_METRICS]);
    for (const { name } of RULES.filter((r) => r.name !== 'metric_shift' && r.name !== 'peer_outlier')) {
      const sql = ruleSql(name);
      for (const metric of Object.keys(facts[name].metrics)) expect(sql, `${name} ${metric}`).toContain(`'${metric}'`);
      // A metric written as a literal: anomaly_id('rule', 'type', id, day, 'metric').
      for (const [, metric] of sql.matchAll(/anomaly_id\('[a-z_]+', '[a-z]+', [^,]+, [^,]+, '([a-z_]+)'\)/g)) {
        expect(Object.keys(facts[name].metrics), name).toContain(metric);
      }
    }
  });

  it("scores 1 at each rule's threshold and 2 at twice it, where the rule says high", () => {
    const score = (rule: keyof typeof facts, raw: number) =>
      facts[rule].strength.offset + facts[rule].strength.scale * raw;
    const { anomalies: a } = config;
    expect([
      score('metric_shift', a.metric_shift.z_threshold),
      score('metric_shift', 2 * a.metric_shift.z_threshold),
    ]).toEqual([1, 2]);
    expect([
      score('hangup_first', a.hangup_first.z_threshold),
      score('hangup_first', 2 * a.hangup_first.z_threshold),
    ]).toEqual([1, 2]);
    // short_sale writes 1 − talk ÷ short_sale_s: 0 at the threshold, 0.5 at half of it (high).
    expect([score('short_sale', 0), score('short_sale', 0.5)]).toEqual([1, 2]);
    // outside_hours writes the minutes outside the window: high from 60.
    expect([score('outside_hours', 0), score('outside_hours', 60)]).toEqual([1, 2]);
    // robocall_burst and auditor_drift already write value ÷ threshold.
    expect([score('robocall_burst', 1), score('auditor_drift', 2)]).toEqual([1, 2]);
    expect(score('score_divergence', a.score_divergence.min_rank_gap)).toBe(1);
  });

  it("has every rule's texts and every metric's name in both languages, with each placeholder filled", () => {
    const missing: string[] = [];
    for (const { rule, settings, metrics } of ruleCatalogue(config)) {
      for (const kind of ['rule_check', 'rule_threshold', 'rule_high', 'rule_score']) {
        const entry = dictionary[`${kind}.${rule}`];
        if (!entry) {
          missing.push(`${kind}.${rule}`);
          continue;
        }
        for (const lang of LANGS) {
          for (const [, name] of entry[lang].matchAll(/\{(\w+)\}/g))
            if (!(name! in settings)) missing.push(`${kind}.${rule} ${lang} {${name}}`);
        }
      }
      for (const { metric } of metrics) if (!dictionary[`metric.${metric}`]) missing.push(`metric.${metric}`);
    }
    expect(missing).toEqual([]);
  });
});
