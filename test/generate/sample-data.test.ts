/**
 * The committed sample-data/: `npm run sample-data` rebuilds it byte for byte, it stays
 * under 20 MB, it labels every rule, and it looks like a real centre. The realism checks
 * compute each figure in SQL on the files themselves.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { RULES } from '../../src/anomalies/rules.ts';
import { generate, openGenerated, rows, tempDir, value } from './generated-files.ts';

const SAMPLE = join(import.meta.dirname, '../../sample-data');
const tmp = tempDir();
let db: Database;

beforeAll(async () => {
  db = await openGenerated(SAMPLE);
  await db.exec(`create view c as select * replace (started_at::timestamp as started_at, answered_at::timestamp as answered_at,
      ended_at::timestamp as ended_at, hold_s::double as hold_s, acw_s::double as acw_s)
    from calls qualify row_number() over (partition by call_id) = 1`);
});
afterAll(() => {
  db?.close();
  tmp.cleanup();
});

describe('sample-data/', () => {
  it('is what `npm run sample-data` writes, byte for byte', async () => {
    const script = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).scripts[
      'sample-data'
    ] as string;
    const args = script
      .replace(/^node bin\/callq\.js generate /, '')
      .replace(/--out \S+/, '')
      .split(/\s+/)
      .filter(Boolean);
    expect(await generate(...args, '--out', tmp.path('again'))).toBe(0);
    const names = readdirSync(SAMPLE).sort();
    expect(readdirSync(tmp.path('again')).sort()).toEqual(names);
    for (const name of names)
      expect(readFileSync(join(SAMPLE, name)).equals(readFileSync(tmp.path(`again/${name}`))), name).toBe(true);
  });

  it('is at most 20 MB', () => {
    const bytes = readdirSync(SAMPLE).reduce((sum, name) => sum + statSync(join(SAMPLE, name)).size, 0);
    expect(bytes).toBeLessThanOrEqual(20 * 1024 * 1024);
  });

  it('labels every rule of docs/anomaly-rules.md', async () => {
    const rules = await rows(db, 'select distinct rule from labels order by rule');
    expect(rules.map((r) => r.rule)).toEqual(RULES.map((r) => r.name).sort());
  });

  it('has 35 days of 36 agents in 3 teams, 40-80 calls per agent-day', async () => {
    const [shape] = await rows(
      db,
      `select count(distinct started_at::date) as days, (select count(*) from agents) as agents,
      (select count(distinct team) from agents) as teams, count(*) filter (where agent_id is not null) / count(distinct (agent_id, started_at::date)) as per_agent_day from c`,
    );
    expect(shape).toMatchObject({ days: 35, agents: 36, teams: 3 });
    expect(shape!.per_agent_day).toBeGreaterThan(40);
    expect(shape!.per_agent_day).toBeLessThan(80);
  });

  it('has an inbound morning and evening peak, and less inbound at weekends', async () => {
    const perHour = new Map(
      (await rows(db, `select hour(started_at) as h, count(*) as n from c where direction = 'inbound' group by 1`)).map(
        (r) => [r.h, r.n as number],
      ),
    );
    expect(perHour.get(10)!).toBeGreaterThan(perHour.get(8)!);
    expect(perHour.get(10)!).toBeGreaterThan(perHour.get(14)!);
    expect(perHour.get(19)!).toBeGreaterThan(perHour.get(16)!);
    expect(perHour.get(19)!).toBeGreaterThan(perHour.get(21)!);
    const [week] = await rows(
      db,
      `select avg(n) filter (where dow in (0, 6)) as weekend, avg(n) filter (where dow between 1 and 5) as weekday
      from (select started_at::date as d, dayofweek(started_at) as dow, count(*) as n from c where direction = 'inbound' group by all)`,
    );
    expect((week!.weekend as number) / (week!.weekday as number)).toBeLessThan(0.85);
  });

  it('answers 85-95% of inbound calls within 15 s, with some abandons and short abandons', async () => {
    const [queue] = await rows(
      db,
      `with w as (select answered_at is not null as answered, epoch(coalesce(answered_at, ended_at)) - epoch(started_at) as wait from c where direction = 'inbound')
      select count(*) filter (where answered and wait <= 15) / count(*) filter (where answered or wait >= 5) as service_level,
        count(*) filter (where not answered and wait >= 5) / count(*) filter (where answered or wait >= 5) as abandon_rate,
        count(*) filter (where not answered and wait < 5) as short_abandons from w`,
    );
    expect(queue!.service_level).toBeGreaterThan(0.85);
    expect(queue!.service_level).toBeLessThan(0.95);
    expect(queue!.abandon_rate).toBeGreaterThan(0.01);
    expect(queue!.abandon_rate).toBeLessThan(0.08);
    expect(queue!.short_abandons).toBeGreaterThan(0);
  });

  it('has repeat callers: 5-25% of answered inbound calls are followed by another call of the customer within 7 days', async () => {
    const repeat = await value(
      db,
      `with i as (select call_id, coalesce(customer_id, customer_number) as who, started_at from c where direction = 'inbound')
      select avg((exists (select 1 from i j where j.who = i.who and j.started_at > i.started_at and j.started_at <= i.started_at + interval 7 day))::int)
      from i join c using (call_id) where c.answered_at is not null`,
    );
    expect(repeat).toBeGreaterThan(0.05);
    expect(repeat).toBeLessThan(0.25);
  });

  it('contacts 35-50% of outbound dials and converts 5-15% of answered, grade A leads best', async () => {
    const [out] = await rows(
      db,
      `select avg((answered_at is not null)::int) as contact, avg((disposition = 'sale')::int) filter (where answered_at is not null) as conversion
      from c where direction = 'outbound'`,
    );
    expect(out!.contact).toBeGreaterThan(0.35);
    expect(out!.contact).toBeLessThan(0.5);
    expect(out!.conversion).toBeGreaterThan(0.05);
    expect(out!.conversion).toBeLessThan(0.15);
    const byGrade = new Map(
      (
        await rows(
          db,
          `select lead_grade, avg((disposition = 'sale')::int) as conversion from c
      where direction = 'outbound' and answered_at is not null and lead_grade is not null group by 1`,
        )
      ).map((r) => [r.lead_grade, r.conversion as number]),
    );
    expect(byGrade.get('A')!).toBeGreaterThan(byGrade.get('B')!);
    expect(byGrade.get('B')!).toBeGreaterThan(byGrade.get('C')!);
  });

  it('converts better for agents talking 30-45% of the time than for those over 60%', async () => {
    const bands = new Map(
      (
        await rows(
          db,
          `with talk as (select call_id, sum(end_ms - start_ms) filter (where speaker = 'agent') / sum(end_ms - start_ms) as ratio from segments group by 1),
        agent as (select agent_id, avg(ratio) as ratio, avg((disposition = 'sale')::int) as conversion from c join talk using (call_id) where direction = 'outbound' group by 1)
      select case when ratio between 0.3 and 0.45 then 'band' when ratio > 0.6 then 'over' end as band, sum(conversion) / count(*) as conversion
      from agent group by 1`,
        )
      ).map((r) => [r.band, r.conversion as number]),
    );
    expect(bands.get('band')!).toBeGreaterThan(bands.get('over')! * 1.3);
  });

  it('has speech timelines of about 20 segments a connected call, greeting within a few seconds, within the call', async () => {
    const [speech] = await rows(
      db,
      `with s as (select call_id, count(*) as n, min(start_ms) filter (where speaker = 'agent') as greeting, max(end_ms) as last from segments group by 1)
      select median(n) as segments, quantile_cont(greeting, 0.95) as greeting_p95,
        count(*) filter (where last > epoch_ms(ended_at) - epoch_ms(answered_at)) as beyond_end, count(*) as connected
      from s join c using (call_id)`,
    );
    expect(speech!.segments).toBeGreaterThan(12);
    expect(speech!.segments).toBeLessThan(30);
    expect(speech!.greeting_p95).toBeLessThan(5000);
    // Only the three calls of the data_quality injection.
    expect(speech!.beyond_end).toBe(3);
    expect(speech!.connected).toBe(await value(db, `select count(*) from c where answered_at < ended_at`));
  });

  it('has survey responses on 10-30% of answered calls, happier after a sale or a resolved call', async () => {
    const share = await value(
      db,
      `select (select count(*) from surveys) / count(*) from c where answered_at is not null`,
    );
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.3);
    const csat = new Map(
      (await rows(db, `select disposition, avg(csat::int) as csat from surveys join c using (call_id) group by 1`)).map(
        (r) => [r.disposition, r.csat as number],
      ),
    );
    expect(csat.get('sale')!).toBeGreaterThan(csat.get('not_interested')!);
    expect(csat.get('resolved')!).toBeGreaterThan(csat.get('unresolved')!);
    expect(csat.get('complaint')!).toBeLessThan(3);
  });

  it('has 3-4.5 audits per agent every 4 weeks, with not-applicable items and calibration sessions of 3-5 auditors', async () => {
    // The sample spans 35 days: audits per agent over it x 28 / 35 gives the 4-weekly rate.
    const [audit] = await rows(
      db,
      `select count(distinct audit_id) filter (where calibration_id is null) / (select count(*) from agents) * 28 / 35 as per_agent,
      count(*) filter (where points is null) / count(*) as not_applicable, count(distinct calibration_id) as sessions from audits`,
    );
    expect(audit!.per_agent).toBeGreaterThanOrEqual(3);
    expect(audit!.per_agent).toBeLessThanOrEqual(4.5);
    expect(audit!.not_applicable).toBeGreaterThan(0.05);
    expect(audit!.sessions).toBeGreaterThanOrEqual(10);
    const sizes = await rows(
      db,
      `select count(distinct auditor_id) as auditors, count(distinct call_id) as calls from audits where calibration_id is not null group by calibration_id`,
    );
    for (const s of sizes)
      expect(s).toMatchObject({ calls: 1, auditors: expect.toSatisfy((n: number) => n >= 3 && n <= 5) });
  });

  it('has complaints on about 1% of calls, some escalated, reopened or still open', async () => {
    const [cp] = await rows(
      db,
      `select count(*) / (select count(*) from c) as share, count(*) filter (where escalated = 'true') as escalated,
      count(*) filter (where reopened_count::int > 0) as reopened, count(*) filter (where resolved_at is null) as open,
      count(*) filter (where follow_up_at is not null) / count(*) filter (where resolved_at is not null) as followed_up from complaints`,
    );
    expect(cp!.share).toBeGreaterThan(0.005);
    expect(cp!.share).toBeLessThan(0.015);
    for (const k of ['escalated', 'reopened', 'open'] as const) expect(cp![k], k).toBeGreaterThan(0);
    expect(cp!.followed_up).toBeGreaterThan(0.6);
  });
});
