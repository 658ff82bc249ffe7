/**
 * `callq generate` on a small centre (4 agents, 3 days): same arguments give the same
 * bytes, every table has the input contract's columns, the config validates, --end is the last
 * day, bad flags are usage errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { generate, openGenerated, rows, tempDir, value } from './generated-files.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SMALL = ['--seed', '11', '--days', '3', '--agents', '4', '--end', '2026-11-21'];

/** The columns of the input contract (docs/contract.md), in its order. */
const CONTRACT_COLUMNS: Record<string, string> = {
  agents: 'agent_id,name,team,site,grade,hire_date',
  calls:
    'call_id,direction,agent_id,queue,campaign_id,customer_id,customer_number,caller_id,started_at,answered_at,ended_at,hold_s,acw_s,disconnect_party,transferred,disposition,lead_grade,customer_tier,sale_amount,previous_call_id',
  segments: 'call_id,speaker,start_ms,end_ms,text',
  surveys: 'survey_id,call_id,responded_at,csat,nps,resolved,respondent_number,comment',
  audit_items: 'form_id,item_id,section,text,weight,max_points,critical',
  audits: 'audit_id,form_id,agent_id,auditor_id,audited_at,channel,call_id,calibration_id,item_id,points,note',
  complaints:
    'complaint_id,customer_id,call_id,agent_id,category,severity,opened_at,first_response_at,resolved_at,follow_up_at,follow_up_satisfied,escalated,reopened_count',
  shifts: 'agent_id,shift_date,start_at,end_at',
};

function filesOf(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );
}

describe('callq generate', () => {
  it('writes byte-identical files for the same arguments (CSV, and Parquet segments)', async () => {
    expect(await generate(...SMALL, '--segments-format', 'parquet', '--out', tmp.path('a'))).toBe(0);
    expect(await generate(...SMALL, '--segments-format', 'parquet', '--out', tmp.path('b'))).toBe(0);
    const a = filesOf(tmp.path('a'));
    const b = filesOf(tmp.path('b'));
    expect([...a.keys()]).toEqual([
      'agents.csv',
      'anomaly_labels.csv',
      'audit_items.csv',
      'audits.csv',
      'callq.config.json',
      'calls.csv',
      'complaints.csv',
      'segments.parquet',
      'shifts.csv',
      'surveys.csv',
    ]);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);
  });

  it('writes byte-identical Parquet for every table with --format parquet', async () => {
    expect(await generate(...SMALL, '--format', 'parquet', '--out', tmp.path('p1'))).toBe(0);
    expect(await generate(...SMALL, '--format', 'parquet', '--out', tmp.path('p2'))).toBe(0);
    const a = filesOf(tmp.path('p1'));
    const b = filesOf(tmp.path('p2'));
    expect([...a.keys()].filter((n) => n.endsWith('.parquet'))).toHaveLength(8);
    for (const [name, bytes] of a) expect(bytes.equals(b.get(name)!), name).toBe(true);
  });

  it('writes the smallest centres (a day or two, a few agents): outside_hours dials only on a day the agent works', async () => {
    // Each of these once failed with "pick from an empty list": a seller on no day's rota.
    for (const [seed, days, agents] of [
      ['3', '2', '5'],
      ['7', '2', '5'],
      ['1', '1', '3'],
    ]) {
      const dir = tmp.path(`small-${seed}-${days}-${agents}`);
      expect(
        await generate('--seed', seed!, '--days', days!, '--agents', agents!, '--end', '2026-12-01', '--out', dir),
      ).toBe(0);
      const db = await openGenerated(dir);
      try {
        const offShift = await value(
          db,
          `select count(*) from labels
          join calls on labels.entity_id = calls.call_id
          anti join shifts on shifts.agent_id = calls.agent_id and shifts.shift_date = labels.day
          where labels.rule = 'outside_hours'`,
        );
        expect(offShift, dir).toBe(0);
      } finally {
        db.close();
      }
    }
  });

  it('gives other data for another seed', async () => {
    expect(await generate('--seed', '12', ...SMALL.slice(2), '--out', tmp.path('c'))).toBe(0);
    const calls = (dir: string) => readFileSync(join(tmp.path(dir), 'calls.csv'), 'utf8');
    expect(calls('c')).not.toEqual(calls('a'));
  });

  it("writes every table with the input contract's columns, in CSV and in Parquet", async () => {
    for (const dir of ['a', 'p1']) {
      const db = await openGenerated(tmp.path(dir));
      try {
        for (const [table, columns] of Object.entries(CONTRACT_COLUMNS)) {
          const described = await rows(db, `describe ${table}`);
          expect(described.map((r) => r.column_name).join(','), `${dir}/${table}`).toBe(columns);
          expect(await value(db, `select count(*) from ${table}`), `${dir}/${table} has rows`).toBeGreaterThan(0);
        }
      } finally {
        db.close();
      }
    }
  });

  it('writes a valid config in Asia/Shanghai with the centre numbers, and the labels header', () => {
    const config = parseConfig(JSON.parse(readFileSync(join(tmp.path('a'), 'callq.config.json'), 'utf8')));
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.centre_numbers.length).toBeGreaterThan(0);
    expect(readFileSync(join(tmp.path('a'), 'anomaly_labels.csv'), 'utf8').split('\n')[0]).toBe(
      'rule,entity_type,entity_id,day',
    );
  });

  it('covers --days days ending on --end, in local time without an offset', async () => {
    const db = await openGenerated(tmp.path('a'));
    try {
      // 3 days ending 2026-11-21: 19, 20 and 21 November.
      const [span] = await rows(
        db,
        `select min(started_at[1:10]) as first, max(started_at[1:10]) as last, count(distinct started_at[1:10]) as days,
        count(*) filter (where not regexp_full_match(started_at, '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}')) as odd from calls`,
      );
      expect(span).toEqual({ first: '2026-11-19', last: '2026-11-21', days: 3, odd: 0 });
    } finally {
      db.close();
    }
  });

  it('rejects bad flags as usage errors (exit 2)', async () => {
    expect(await generate('--seed', '1', '--days', '0', '--agents', '4', '--out', tmp.path('x'))).toBe(2);
    expect(await generate('--seed', '1', '--days', '3', '--agents', '2', '--out', tmp.path('x'))).toBe(2);
    expect(await generate('--seed', '-1', '--days', '3', '--agents', '4', '--out', tmp.path('x'))).toBe(2);
    expect(
      await generate('--seed', '1', '--days', '3', '--agents', '4', '--end', '2026-02-30', '--out', tmp.path('x')),
    ).toBe(2);
    expect(
      await generate('--seed', '1', '--days', '3', '--agents', '4', '--format', 'xlsx', '--out', tmp.path('x')),
    ).toBe(2);
  });
});
