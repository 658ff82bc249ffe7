/**
 * decideSettings: which settings a run uses on a database that recorded others.
 */
import { describe, expect, it } from 'vitest';
import { dataSettings, decideSettings, differences } from '../../src/config/recorded-config.ts';
import { parseConfig } from '../../src/config/load-config.ts';

const shanghai = dataSettings(parseConfig({ timezone: 'Asia/Shanghai', answer_target_s: 20 })) as unknown as Record<
  string,
  unknown
>;

describe('decideSettings', () => {
  it('a first run uses its --config (or the defaults) and records them', () => {
    expect(decideSettings(null, { timezone: 'Asia/Shanghai' }, false)).toMatchObject({
      config: { timezone: 'Asia/Shanghai' },
      changed: [],
      record: true,
    });
    expect(decideSettings(null, null, false)).toMatchObject({ config: { timezone: 'UTC' }, record: true });
  });

  it('a run without --config uses the recorded settings, and the machine defaults', () => {
    const { config, changed, record } = decideSettings(shanghai, null, false);
    expect([config.timezone, config.answer_target_s, config.memory_limit]).toEqual(['Asia/Shanghai', 20, '4GB']);
    expect([changed, record]).toEqual([[], false]);
  });

  it('a --config that sets only some keys keeps the recorded values of the others', () => {
    const { config, changed, record } = decideSettings(
      shanghai,
      { memory_limit: '2GB', targets: { csat_mean: 4.5 } },
      false,
    );
    expect([config.timezone, config.answer_target_s, config.memory_limit, config.targets]).toEqual([
      'Asia/Shanghai',
      20,
      '2GB',
      { csat_mean: 4.5, audit_score: 80, service_level: { share: 0.8 }, asa_s: 20, abandon_rate: 0.05 },
    ]);
    // memory_limit is the machine's, not the data's: not a change.
    expect([changed, record]).toEqual([['targets.csat_mean'], true]);
  });

  it("a --config's sources.asterisk.member_agents is the whole map in force: a member it leaves out is unmapped", () => {
    const recorded = dataSettings(
      parseConfig({
        timezone: 'Asia/Shanghai',
        sources: { asterisk: { member_agents: { 'May Flowers': '1001', 'June Rain': '1002' } } },
      }),
    ) as unknown as Record<string, unknown>;
    const { config, changed } = decideSettings(
      recorded,
      { sources: { asterisk: { member_agents: { 'May Flowers': '1001' } } } },
      false,
    );
    expect(config.sources.asterisk.member_agents).toEqual({ 'May Flowers': '1001' });
    // The keys the file leaves out of sources.asterisk keep their recorded values.
    expect(config.sources.asterisk.inbound_contexts).toEqual(['from-pstn', 'from-trunk', 'from-did-direct']);
    expect(changed).toEqual(['sources.asterisk.member_agents.June Rain']);
  });

  it('another time zone is refused, saying both, unless the run reconfigures', () => {
    expect(() => decideSettings(shanghai, { timezone: 'UTC' }, false, 'c.json')).toThrow(
      'the database was computed in time zone Asia/Shanghai and c.json says UTC: every day boundary would move; run with --reconfigure to recompute everything under the new settings',
    );
    expect(decideSettings(shanghai, { timezone: 'UTC' }, true)).toMatchObject({
      config: { timezone: 'UTC' },
      changed: ['timezone'],
      record: true,
    });
    expect(() => decideSettings(shanghai, null, true)).toThrow('--reconfigure needs --config');
  });
});

describe('differences', () => {
  it('names nested keys and whole arrays', () => {
    expect(differences({ a: 1, b: { c: [1, 2], d: 'x' } }, { a: 1, b: { c: [1, 3], d: 'x', e: true } })).toEqual([
      'b.c',
      'b.e',
    ]);
  });
});
