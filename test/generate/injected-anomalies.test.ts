/**
 * The injected anomalies of a full-size centre on a seed other than the sample's
 * (docs/anomaly-rules.md#what-the-generator-labels): each rule is labelled, every labelled
 * case meets its rule's definition (checked here in SQL on the written files, not with the
 * generator's code), and for the rules with a crisp definition the normal data holds no
 * unlabelled case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { RULES } from '../../src/anomalies/rules.ts';
import { generate, openGenerated, rows, tempDir } from './generated-files.ts';

const tmp = tempDir();
const dir = tmp.path('seed-7');
let db: Database;

/** The config's default protected numbers (docs/anomaly-rules.md#caller_id_spoof). */
const PROTECTED = ['110', '119', '120', '122', '10000', '10010', '10086', '95533', '95588', '95599'];

beforeAll(async () => {
  expect(
    await generate(
      '--seed',
      '7',
      '--days',
      '35',
      '--agents',
      '36',
      '--end',
      '2026-11-21',
      '--segments-format',
      'parquet',
      '--out',
      dir,
    ),
  ).toBe(0);
  db = await openGenerated(dir);
  // Typed views; the labels' empty day is null. calls.csv repeats two rows on purpose.
  await db.exec(`
    create view c as select call_id, direction, agent_id, customer_id, customer_number, caller_id, disposition, lead_grade,
      started_at::timestamp as s, answered_at::timestamp as a, ended_at::timestamp as e, hold_s::double as hold_s,
      acw_s::double as acw_s, disconnect_party
    from calls qualify row_number() over (partition by call_id) = 1;
    create view l as select rule, entity_type, entity_id, nullif(day, '')::date as day from labels;
    create view agent_calls as select c.*, ag.team, epoch(e) - epoch(a) + acw_s as handle_s from c join agents ag using (agent_id);
    create view audit_score as
      select audit_id, any_value(agent_id) as agent_id, any_value(auditor_id) as auditor_id, any_value(calibration_id) as calibration_id,
        case when bool_or(i.critical::boolean and p.points::double < i.max_points::double) then 0
          else 100 * sum(i.weight::double * p.points::double / i.max_points::double) / sum(i.weight::double) filter (where p.points is not null) end as score
      from audits p join audit_items i using (form_id, item_id) group by audit_id;`);
});
afterAll(() => {
  db?.close();
  tmp.cleanup();
});

/** Sorted "id|day" keys of a query returning (id, day). */
async function keys(sql: string): Promise<string[]> {
  return (await rows(db, sql))
    .map((r) =>
      Object.values(r)
        .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')))
        .join('|'),
    )
    .sort();
}
const labelled = (rule: string, entityType: string) =>
  keys(
    `select entity_id, coalesce(strftime(day, '%Y-%m-%d'), '') from l where rule = '${rule}' and entity_type = '${entityType}'`,
  );

describe('injected anomalies (seed 7, 36 agents, 35 days)', () => {
  it('labels every rule, with a handful of cases each', async () => {
    const counts = await rows(db, 'select rule, count(*) as n from l group by rule');
    expect(counts.map((r) => r.rule).sort()).toEqual(RULES.map((r) => r.name).sort());
    for (const { rule, n } of counts)
      expect(n, rule as string).toBeGreaterThanOrEqual(rule === 'auditor_drift' ? 1 : 3);
    expect(counts.every((r) => (r.n as number) <= 12)).toBe(true);
  });

  it('short_sale: exactly the labelled calls are sales with talk_s < 60', async () => {
    const found = await keys(`select call_id, strftime(s, '%Y-%m-%d') from c
      where disposition = 'sale' and a is not null and epoch(e) - epoch(a) - hold_s < 60`);
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found).toEqual(await labelled('short_sale', 'call'));
  });

  it('outside_hours: exactly the labelled calls are outbound before 08:00 or after 21:00', async () => {
    const found = await keys(`select call_id, strftime(s, '%Y-%m-%d') from c
      where direction = 'outbound' and (s::time < time '08:00' or s::time >= time '21:00')`);
    expect(found).toEqual(await labelled('outside_hours', 'call'));
  });

  it('caller_id_spoof: exactly the labelled calls are inbound with an empty, zero, short, long or protected caller id', async () => {
    const found = await keys(`select call_id, strftime(s, '%Y-%m-%d') from c where direction = 'inbound' and (
      caller_id is null or regexp_full_match(caller_id, '0+') or length(caller_id) < 5 or length(caller_id) > 15
      or caller_id in (${PROTECTED.map((n) => `'${n}'`).join(', ')}))`);
    expect(found).toEqual(await labelled('caller_id_spoof', 'call'));
  });

  it('robocall_burst: labelled numbers placed >= 10 calls of <= 20 s within 10 minutes, and no other number did', async () => {
    const found =
      await keys(`with x as (select caller_id, s, epoch(e) - epoch(s) as dur from c where direction = 'inbound' and caller_id is not null and epoch(e) - epoch(s) <= 20)
      select distinct a.caller_id, strftime(a.s, '%Y-%m-%d') from x a join x b on a.caller_id = b.caller_id and b.s between a.s and a.s + interval 10 minute
      group by a.caller_id, a.s having count(*) >= 10`);
    expect(found).toEqual(await labelled('robocall_burst', 'number'));
  });

  it('robocall_burst: labelled agent-days hold a run of >= 5 consecutive numbers dialled within 10 minutes, and no other does', async () => {
    const found =
      await keys(`with o as (select distinct agent_id, s, s::date as day, customer_number::bigint as n from c where direction = 'outbound' and customer_number is not null),
      islands as (select *, n - dense_rank() over (partition by agent_id, day order by n) as island from o)
      select distinct agent_id, strftime(day, '%Y-%m-%d') from islands group by agent_id, day, island
      having count(distinct n) >= 5 and max(s) - min(s) <= interval 10 minute`);
    expect(found).toEqual(await labelled('robocall_burst', 'agent'));
  });

  it('complaint_after_sale: exactly the labelled sales were followed within 7 days by a complaint of the same customer', async () => {
    const found =
      await keys(`select distinct sale.call_id, strftime(p.opened_at::timestamp, '%Y-%m-%d') from complaints p
      join c as sale on sale.customer_id = p.customer_id and sale.disposition = 'sale'
      where p.opened_at::timestamp between sale.s and sale.s + interval 7 day`);
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found).toEqual(await labelled('complaint_after_sale', 'call'));
  });

  it('survey_integrity: labelled numbers are centre numbers or answered >= 4 surveys in a day; labelled calls were never answered or not over', async () => {
    const centre = JSON.parse(readFileSync(join(dir, 'callq.config.json'), 'utf8')).centre_numbers as string[];
    const numbers =
      await keys(`select respondent_number, strftime(responded_at::timestamp, '%Y-%m-%d') as day from surveys
      where respondent_number in (${centre.map((n) => `'${n}'`).join(', ')})
      union select respondent_number, strftime(responded_at::timestamp, '%Y-%m-%d') from surveys group by all having count(*) >= 4`);
    expect(numbers).toEqual(await labelled('survey_integrity', 'number'));
    const calls = await keys(`select distinct v.call_id, strftime(c.s, '%Y-%m-%d') from surveys v join c using (call_id)
      where c.a is null or v.responded_at::timestamp < c.e`);
    expect(calls).toEqual(await labelled('survey_integrity', 'call'));
    expect((await rows(db, 'select * from surveys anti join c using (call_id)')).length).toBe(0);
  });

  it('data_quality: labelled agent-days have >= 20% of >= 10 calls without customer_id and number, and no other has', async () => {
    const found =
      await keys(`select agent_id, strftime(s::date, '%Y-%m-%d') from c where agent_id is not null group by agent_id, s::date
      having count(*) >= 10 and count(*) filter (where customer_id is null and customer_number is null) >= 0.2 * count(*)`);
    expect(found).toEqual(await labelled('data_quality', 'agent'));
  });

  it('data_quality: each labelled file holds its fault (duplicate call ids, speech past the call end, an audit of an unknown agent)', async () => {
    expect(await labelled('data_quality', 'file')).toEqual(['audits.csv|', 'calls.csv|', 'segments.parquet|']);
    const [dup] = await rows(db, 'select count(*) - count(distinct call_id) as n from calls');
    expect(dup!.n).toBe(2);
    const [beyond] = await rows(
      db,
      `select count(distinct g.call_id) as n from segments g join c using (call_id) where g.end_ms > epoch_ms(c.e) - epoch_ms(c.a)`,
    );
    expect(beyond!.n).toBe(3);
    const [ghost] = await rows(
      db,
      'select count(distinct audit_id) as n from audits anti join agents using (agent_id)',
    );
    expect(ghost!.n).toBe(1);
  });

  it('hangup_first: labelled agents hang up at least three times as often as their team; nobody else does', async () => {
    const agents = await rows(
      db,
      `with r as (select agent_id, team, avg((disconnect_party = 'agent')::int) as rate from agent_calls where a is not null group by all)
      select agent_id, rate / median(rate) over (partition by team) as ratio from r`,
    );
    const hang = (await labelled('hangup_first', 'agent')).map((k) => k.split('|')[0]);
    expect(hang.length).toBeGreaterThanOrEqual(2);
    for (const { agent_id, ratio } of agents) {
      if (hang.includes(agent_id as string)) expect(ratio, agent_id as string).toBeGreaterThan(3);
      else expect(ratio, agent_id as string).toBeLessThan(2);
    }
  });

  it('peer_outlier: labelled agents convert 2.5x their team, or take 1.6x its AHT; nobody else is that far off', async () => {
    const agents = await rows(
      db,
      `with w as (select agent_id, team,
        avg((disposition = 'sale')::int) filter (where direction = 'outbound' and a is not null) as conversion,
        avg(handle_s) filter (where a is not null) as aht
      from agent_calls group by all)
      select agent_id, conversion / median(conversion) over (partition by team) as conv_ratio, aht / median(aht) over (partition by team) as aht_ratio from w`,
    );
    const peers = (await labelled('peer_outlier', 'agent')).map((k) => k.split('|')[0]);
    expect(peers.length).toBeGreaterThanOrEqual(2);
    for (const { agent_id, conv_ratio, aht_ratio } of agents) {
      const far = ((conv_ratio as number | null) ?? 1) >= 2.5 || (aht_ratio as number) >= 1.6;
      expect(far, agent_id as string).toBe(peers.includes(agent_id as string));
    }
  });

  it("metric_shift: each labelled agent-day has conversion >= 3x, AHT <= 0.6x or talk ratio +0.2 against the agent's other days", async () => {
    const days = await rows(
      db,
      `with talk as (
        select call_id, sum(end_ms - start_ms) filter (where speaker = 'agent') as agent_ms, sum(end_ms - start_ms) as all_ms from segments group by call_id),
      daily as (select agent_id, s::date as day,
          avg((disposition = 'sale')::double) filter (where direction = 'outbound' and a is not null) as conversion,
          avg(handle_s) filter (where a is not null) as aht, sum(agent_ms) / sum(all_ms) as talk_ratio
        from agent_calls left join talk using (call_id) group by all),
      shifted as (select d.*, (select median(o.conversion) from daily o where o.agent_id = d.agent_id and o.day <> d.day) as conv_base,
          (select median(o.aht) from daily o where o.agent_id = d.agent_id and o.day <> d.day) as aht_base,
          (select median(o.talk_ratio) from daily o where o.agent_id = d.agent_id and o.day <> d.day) as talk_base
        from daily d semi join l on l.rule = 'metric_shift' and l.entity_id = d.agent_id and l.day = d.day)
      select agent_id, conversion >= 3 * conv_base or aht <= 0.6 * aht_base or talk_ratio >= talk_base + 0.2 as shifted from shifted`,
    );
    expect(days.length).toBe((await labelled('metric_shift', 'agent')).length);
    expect(days.length).toBeGreaterThanOrEqual(3);
    for (const { agent_id, shifted } of days) expect(shifted, agent_id as string).toBe(true);
  });

  it('metric_shift: each labelled day has >= 20 earlier days with calls of the agent (as the generator promises)', async () => {
    // Agents work 5 days a week, so a 35-day window gives each agent 25 working days and
    // only the last week (working days 21-25) can hold a shift.
    const baselines = await rows(
      db,
      `select l.entity_id, (select count(distinct s::date) from c where c.agent_id = l.entity_id and s::date < l.day) as earlier
      from l where rule = 'metric_shift'`,
    );
    expect(baselines.length).toBeGreaterThanOrEqual(3);
    for (const { entity_id, earlier } of baselines) expect(earlier, entity_id as string).toBeGreaterThanOrEqual(20);
  });

  it('score_divergence: labelled agents rank >= 0.6 apart on csat and audit score within their team; nobody else does', async () => {
    const agents = await rows(
      db,
      `with csat as (select agent_id, avg(csat::double) as csat from surveys join c using (call_id) group by 1),
        audit as (select agent_id, avg(score) as audit from audit_score group by 1),
        ranked as (select agent_id, percent_rank() over (partition by team order by csat) as r_csat, percent_rank() over (partition by team order by audit) as r_audit
          from csat join audit using (agent_id) join agents using (agent_id))
      select agent_id, abs(r_csat - r_audit) as gap from ranked`,
    );
    const divergent = (await labelled('score_divergence', 'agent')).map((k) => k.split('|')[0]);
    expect(divergent.length).toBeGreaterThanOrEqual(2);
    for (const { agent_id, gap } of agents) {
      if (divergent.includes(agent_id as string)) expect(gap, agent_id as string).toBeGreaterThanOrEqual(0.6);
      else expect(gap, agent_id as string).toBeLessThan(0.6);
    }
  });

  it('auditor_drift: labelled auditors score >= 12 points off their calibration groups in >= 3 groups; the others stay within 6', async () => {
    const auditors = await rows(
      db,
      `with g as (select auditor_id, score - avg(score) over (partition by calibration_id) as deviation from audit_score where calibration_id is not null)
      select auditor_id, count(*) as groups, avg(deviation) as bias, min(abs(deviation)) as least from g group by 1`,
    );
    const drifting = (await labelled('auditor_drift', 'auditor')).map((k) => k.split('|')[0]);
    for (const { auditor_id, groups, bias, least } of auditors) {
      if (drifting.includes(auditor_id as string)) {
        expect(groups, auditor_id as string).toBeGreaterThanOrEqual(3);
        expect(least, auditor_id as string).toBeGreaterThanOrEqual(12);
      } else {
        expect(Math.abs(bias as number), auditor_id as string).toBeLessThan(6);
      }
    }
  });
});
