/**
 * loadFile: every table loads with exact typed rows; every contract rule rejects with the
 * exact file, line, column and reason; counts in load_log; upsert and skip by sha256.
 * Fixtures are read in Asia/Shanghai (UTC+8, no DST): a naive local 09:00 is 01:00Z.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { TableName } from '../../src/ingest/contracts.ts';
import { FileLoadError } from '../../src/ingest/load-file.ts';
import { withDb } from '../util/with-db.ts';
import { day, load, rejectsOf, rowsOf, snapshot, tempDir, utc, writeLines } from './ingest-fixtures.ts';

const TZ = 'Asia/Shanghai';
const CENTRE = join(import.meta.dirname, '../fixtures/ingest/centre');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('each table loads with exact rows', () => {
  it('agents: grade folded to lower case, empty cells null, hire_date a date', async () => {
    await withDb(async (db) => {
      const result = await load(db, join(CENTRE, 'agents.csv'));
      expect(result).toMatchObject({ status: 'loaded', rows: 3, loaded: 3, rejected: 0, unknownColumns: [] });
      expect(await rowsOf(db, 'agents', 'agent_id')).toEqual([
        {
          agent_id: 'A1',
          name: 'Li Wei',
          team: 'north',
          site: 'Shanghai',
          grade: 'senior',
          hire_date: day('2024-03-01'),
        },
        {
          agent_id: 'A2',
          name: 'Zhang Min',
          team: 'north',
          site: 'Shanghai',
          grade: 'junior',
          hire_date: day('2025-07-15'),
        },
        { agent_id: 'A3', name: null, team: 'south', site: null, grade: null, hire_date: null },
      ]);
    }, TZ);
  });

  it('calls: local and offset timestamps, defaults hold_s/acw_s 0 and transferred false, enums folded', async () => {
    await withDb(async (db) => {
      const result = await load(db, join(CENTRE, 'calls.csv'));
      expect(result).toMatchObject({ rows: 4, loaded: 4, rejected: 0 });
      const base = {
        campaign_id: null,
        customer_id: null,
        customer_number: null,
        caller_id: null,
        answered_at: null,
        lead_grade: null,
        customer_tier: null,
        sale_amount: null,
        previous_call_id: null,
      };
      expect(await rowsOf(db, 'calls', 'call_id')).toEqual([
        {
          ...base,
          call_id: 'C1',
          direction: 'inbound',
          agent_id: 'A1',
          queue: 'billing',
          customer_id: 'K1',
          customer_number: '13800000001',
          caller_id: '13800000001',
          // 01:30 local (UTC+8) is 17:30Z the day before.
          started_at: utc('2026-11-19T17:30:00Z'),
          answered_at: utc('2026-11-19T17:30:12Z'),
          ended_at: utc('2026-11-19T17:35:00Z'),
          hold_s: 20,
          acw_s: 30.5,
          disconnect_party: 'customer',
          transferred: false,
          disposition: 'resolved',
          customer_tier: 'vip',
        },
        {
          ...base,
          call_id: 'C2',
          direction: 'outbound',
          agent_id: 'A2',
          queue: null,
          campaign_id: 'camp1',
          customer_id: 'K2',
          customer_number: '13800000002',
          // 10:00+08:00 is 02:00Z; empty hold_s, acw_s, transferred take their defaults; 'a' is grade A.
          started_at: utc('2026-11-20T02:00:00Z'),
          answered_at: utc('2026-11-20T02:00:20Z'),
          ended_at: utc('2026-11-20T02:06:00Z'),
          hold_s: 0,
          acw_s: 0,
          disconnect_party: 'agent',
          transferred: false,
          disposition: 'sale',
          lead_grade: 'A',
          customer_tier: 'general',
          sale_amount: 199.9,
        },
        {
          ...base,
          call_id: 'C3',
          direction: 'inbound',
          agent_id: null,
          queue: 'billing',
          caller_id: '95533',
          // 11:00 local is 03:00Z; never answered.
          started_at: utc('2026-11-20T03:00:00Z'),
          ended_at: utc('2026-11-20T03:00:40Z'),
          hold_s: 0,
          acw_s: 0,
          disconnect_party: 'system',
          transferred: false,
          disposition: null,
        },
        {
          ...base,
          call_id: 'C4',
          direction: 'outbound',
          agent_id: 'A2',
          queue: null,
          campaign_id: 'camp1',
          customer_id: 'K3',
          customer_number: '13800000003',
          // 'Z' timestamps are UTC whatever the configured zone.
          started_at: utc('2026-11-20T03:00:00Z'),
          answered_at: utc('2026-11-20T03:00:05Z'),
          ended_at: utc('2026-11-20T03:02:05Z'),
          hold_s: 10,
          acw_s: 0,
          disconnect_party: 'customer',
          transferred: true,
          disposition: 'callback',
          lead_grade: 'B',
        },
      ]);
      // Provenance: the record's line (header = line 1) and this load's id.
      expect(await db.queryJs('select call_id, load_id, source_line from calls order by call_id')).toEqual([
        { call_id: 'C1', load_id: result.loadId, source_line: 2n },
        { call_id: 'C2', load_id: result.loadId, source_line: 3n },
        { call_id: 'C3', load_id: result.loadId, source_line: 4n },
        { call_id: 'C4', load_id: result.loadId, source_line: 5n },
      ]);
    }, TZ);
  });

  // The two items of audit AU1 share its fields.
  const au1 = {
    audit_id: 'AU1',
    form_id: 'F1',
    agent_id: 'A1',
    auditor_id: 'Q1',
    audited_at: utc('2026-11-20T07:00:00Z'),
    channel: 'phone',
    call_id: 'C1',
    calibration_id: 'CAL1',
  };
  /** The centre's file of each table: every record loads, and reads back as `expected` in `order`. */
  const tables: Array<{ table: TableName; title: string; order: string; rows: number; expected: unknown[] }> = [
    {
      table: 'segments',
      title: 'whole-number offsets as bigint, speaker folded to lower case',
      order: 'call_id, start_ms, speaker',
      rows: 4,
      expected: [
        { call_id: 'C1', speaker: 'agent', start_ms: 0n, end_ms: 4000n, text: null },
        { call_id: 'C1', speaker: 'customer', start_ms: 3500n, end_ms: 9000n, text: null },
        { call_id: 'C2', speaker: 'agent', start_ms: 0n, end_ms: 2500n, text: null },
        { call_id: 'C2', speaker: 'customer', start_ms: 2500n, end_ms: 7000n, text: null },
      ],
    },
    {
      table: 'surveys',
      title: 'scores as bigint, yes/false booleans, markup kept as text',
      order: 'survey_id',
      rows: 3,
      expected: [
        {
          survey_id: 'S1',
          call_id: 'C1',
          responded_at: utc('2026-11-19T18:00:00Z'),
          csat: 5n,
          nps: 10n,
          resolved: true,
          respondent_number: '13800000001',
          comment: 'Great, thanks <b>!</b>',
        },
        {
          survey_id: 'S2',
          call_id: 'C2',
          responded_at: null,
          csat: 1n,
          nps: 0n,
          resolved: false,
          respondent_number: null,
          comment: null,
        },
        {
          survey_id: 'S3',
          call_id: 'C4',
          responded_at: null,
          csat: null,
          nps: null,
          resolved: null,
          respondent_number: null,
          comment: null,
        },
      ],
    },
    {
      table: 'audit_items',
      title: 'weights as doubles, critical defaults to false',
      order: 'form_id, item_id',
      rows: 3,
      expected: [
        {
          form_id: 'F1',
          item_id: 'close',
          section: 'closing',
          text: 'let the customer hang up first',
          weight: 1,
          max_points: 1,
          critical: false,
        },
        {
          form_id: 'F1',
          item_id: 'consent',
          section: 'compliance',
          text: 'asked whether it is a convenient time',
          weight: 2.5,
          max_points: 1,
          critical: true,
        },
        {
          form_id: 'F1',
          item_id: 'greet',
          section: 'opening',
          text: 'gave full name',
          weight: 1,
          max_points: 2,
          critical: false,
        },
      ],
    },
    {
      table: 'audits',
      title: 'empty points stays null (not applicable), channel folded',
      order: 'audit_id, item_id',
      rows: 3,
      expected: [
        { ...au1, item_id: 'consent', points: null, note: 'not applicable' },
        { ...au1, item_id: 'greet', points: 2, note: null },
        // 16:00 local is 08:00Z; 'Counter' is the channel counter.
        {
          audit_id: 'AU2',
          form_id: 'F1',
          agent_id: 'A2',
          auditor_id: 'Q2',
          audited_at: utc('2026-11-20T08:00:00Z'),
          channel: 'counter',
          call_id: null,
          calibration_id: null,
          item_id: 'greet',
          points: 0.5,
          note: null,
        },
      ],
    },
    {
      table: 'complaints',
      title: 'severity folded, escalated false and reopened_count 0 by default',
      order: 'complaint_id',
      rows: 2,
      expected: [
        {
          complaint_id: 'K-1',
          customer_id: 'K2',
          call_id: 'C2',
          agent_id: 'A2',
          category: 'mis-selling',
          severity: 'high',
          opened_at: utc('2026-11-20T04:00:00Z'),
          first_response_at: utc('2026-11-20T05:30:00Z'),
          resolved_at: utc('2026-11-21T01:00:00Z'),
          follow_up_at: utc('2026-11-22T02:00:00Z'),
          follow_up_satisfied: true,
          escalated: true,
          reopened_count: 1n,
        },
        {
          complaint_id: 'K-2',
          customer_id: 'K1',
          call_id: null,
          agent_id: 'A1',
          category: 'billing',
          severity: 'low',
          opened_at: utc('2026-11-20T04:30:00Z'),
          first_response_at: null,
          resolved_at: null,
          follow_up_at: null,
          follow_up_satisfied: null,
          escalated: false,
          reopened_count: 0n,
        },
      ],
    },
    {
      table: 'shifts',
      title: 'shift_date a date, local start and end',
      order: 'agent_id',
      rows: 2,
      expected: [
        {
          agent_id: 'A1',
          shift_date: day('2026-11-20'),
          start_at: utc('2026-11-20T00:00:00Z'),
          end_at: utc('2026-11-20T09:00:00Z'),
        },
        {
          agent_id: 'A2',
          shift_date: day('2026-11-20'),
          start_at: utc('2026-11-20T05:00:00Z'),
          end_at: utc('2026-11-20T14:00:00Z'),
        },
      ],
    },
  ];
  it.each(tables)('$table: $title', async ({ table, order, rows, expected }) => {
    await withDb(async (db) => {
      expect(await load(db, join(CENTRE, `${table}.csv`))).toMatchObject({ rows, loaded: rows, rejected: 0 });
      expect(await rowsOf(db, table, order)).toEqual(expected);
    }, TZ);
  });
});

describe('rejects: every rule, with file, line, column and reason', () => {
  it('calls: timestamp, order, enum, key, number, NaN, disposition, duplicate, broken line, answered and hold rules', async () => {
    const file = writeLines(tmp.path('calls-rejects.csv'), [
      'call_id,direction,agent_id,started_at,answered_at,ended_at,hold_s,disposition,lead_grade', // 1
      'G1,inbound,A1,2026-11-20 09:00:00,,2026-11-20 09:00:30,,,', // 2 good
      'B1,inbound,A1,2026-11-20 25:00:00,,2026-11-20 09:00:30,,,', // 3 no hour 25
      'B2,inbound,A1,2026-11-20 09:00:00,,2026-11-20 08:59:59,,,', // 4 ends before it starts
      'B3,sideways,A1,2026-11-20 09:00:00,,2026-11-20 09:00:30,,,', // 5
      ',inbound,A1,2026-11-20 09:00:00,,2026-11-20 09:00:30,,,', // 6 no key
      'B5,inbound,A1,2026-11-20 09:00:00,2026-11-20 09:00:05,2026-11-20 09:00:30,abc,,', // 7
      'B6,inbound,A1,2026-11-20 09:00:00,2026-11-20 09:00:05,2026-11-20 09:00:30,NaN,,', // 8
      'B7,inbound,A1,2026-11-20 09:00:00,2026-11-20 09:00:05,2026-11-20 09:00:30,,sale,', // 9 sale is outbound only
      'B8,outbound,A1,2026-11-20 09:00:00,,2026-11-20 09:00:30,,no_answer,D', // 10
      'G1,inbound,A2,2026-11-20 10:00:00,,2026-11-20 10:00:30,,,', // 11 same key as line 2
      'B9,inbound,A1,2026-11-20 09:00:00,,2026-11-20 09:00:30,,,,surplus', // 12 ten fields, nine columns
      'G2,outbound,A2,2026-11-20 09:10:00,2026-11-20 09:10:10,2026-11-20 09:15:00,5,sale,a', // 13 good
      'B10,inbound,A1,,,2026-11-20 09:00:30,,,', // 14 no start
      'B11,inbound,A1,2026-11-20 09:00:00,2026-11-20 08:00:00,2026-11-20 09:00:30,,,', // 15 answered before start
      'B12,outbound,A1,2026-11-20 09:00:00,2026-11-20 09:00:10,2026-11-20 09:00:30,21,,', // 16 20 s connected, 21 s hold
    ]);
    await withDb(async (db) => {
      const result = await load(db, file);
      // 15 records (lines 2..16): G1 and G2 kept, the other 13 rejected.
      expect(result).toMatchObject({ status: 'loaded', rows: 15, loaded: 2, rejected: 13 });
      const rejects = await rejectsOf(db);
      const structural = rejects.find((r) => r.line === 12n);
      expect(structural).toMatchObject({ file, table: 'calls', column: null, value: null });
      expect(structural?.reason).toMatch(/^too many columns/);
      expect(rejects.filter((r) => r !== structural)).toEqual([
        {
          file,
          table: 'calls',
          line: 3n,
          column: 'started_at',
          reason: 'not an ISO 8601 timestamp',
          value: '2026-11-20 25:00:00',
        },
        {
          file,
          table: 'calls',
          line: 4n,
          column: 'ended_at',
          reason: 'ended_at is before started_at',
          value: '2026-11-20 08:59:59',
        },
        {
          file,
          table: 'calls',
          line: 5n,
          column: 'direction',
          reason: 'unknown value (allowed: inbound, outbound)',
          value: 'sideways',
        },
        { file, table: 'calls', line: 6n, column: 'call_id', reason: 'missing required value', value: null },
        { file, table: 'calls', line: 7n, column: 'hold_s', reason: 'not a number', value: 'abc' },
        // The CSV reader parses the number itself; NaN comes back in DuckDB's spelling.
        { file, table: 'calls', line: 8n, column: 'hold_s', reason: 'not a number', value: 'nan' },
        {
          file,
          table: 'calls',
          line: 9n,
          column: 'disposition',
          reason: 'disposition does not belong to the call direction',
          value: 'sale',
        },
        {
          file,
          table: 'calls',
          line: 10n,
          column: 'lead_grade',
          reason: 'unknown value (allowed: A, B, C)',
          value: 'D',
        },
        {
          file,
          table: 'calls',
          line: 11n,
          column: 'call_id',
          reason: 'duplicate key (first seen on line 2)',
          value: 'G1',
        },
        { file, table: 'calls', line: 14n, column: 'started_at', reason: 'missing required value', value: null },
        {
          file,
          table: 'calls',
          line: 15n,
          column: 'answered_at',
          reason: 'answered_at is outside [started_at, ended_at]',
          value: '2026-11-20 08:00:00',
        },
        {
          file,
          table: 'calls',
          line: 16n,
          column: 'hold_s',
          reason: 'hold_s is longer than the connected time',
          value: '21',
        },
      ]);
      // The good rows, with their own lines: G2 sits after the broken line 12 and is still line 13.
      expect(await db.queryJs('select call_id, agent_id, lead_grade, source_line from calls order by call_id')).toEqual(
        [
          { call_id: 'G1', agent_id: 'A1', lead_grade: null, source_line: 2n },
          { call_id: 'G2', agent_id: 'A2', lead_grade: 'A', source_line: 13n },
        ],
      );
      expect(await db.queryJs('select file, "table", format, encoding, rows, loaded, rejects from load_log')).toEqual([
        { file, table: 'calls', format: 'csv', encoding: 'utf-8', rows: 15n, loaded: 2n, rejects: 13n },
      ]);
    }, TZ);
  });

  /** A reject as written below: [line, column, reason, value]; the file and table are the case's. */
  type Reject = [line: number, column: string, reason: string, value: string | null];
  interface RejectCase {
    table: string;
    title: string;
    /** The file's lines, numbered in their comments. */
    lines: string[];
    counts: { rows: number; loaded: number; rejected: number };
    rejects: Reject[];
    /** What was kept, where the case checks it. */
    kept?: (db: Database) => Promise<void>;
  }
  const cases: RejectCase[] = [
    {
      table: 'surveys',
      title: 'scores out of range, 1.5 for a whole number, missing call_id, bad boolean, cut-off timestamp',
      lines: [
        'survey_id,call_id,responded_at,csat,nps,resolved', // 1
        'S1,C1,2026-11-20 10:00:00,6,5,', // 2 csat above 5
        'S2,C1,2026-11-20 10:00:00,0,5,', // 3 csat below 1
        'S3,C1,2026-11-20 10:00:00,3,11,', // 4 nps above 10
        'S4,C1,2026-11-20 10:00:00,3,-1,', // 5 nps below 0
        'S5,C1,2026-11-20 10:00:00,1.5,5,', // 6 not rounded to 2
        'S6,,2026-11-20 10:00:00,3,5,', // 7
        'S7,C1,2026-11-20 10:00:00,3,5,maybe', // 8
        'S8,C1,2026-11-20 10:0,3,5,', // 9 a cut-off time, not 10:00
        'S9,C1,2026-11-20T10:00:00+08:00,4,9,Y', // 10 good
      ],
      counts: { rows: 9, loaded: 1, rejected: 8 },
      rejects: [
        [2, 'csat', 'out of range (must be at most 5)', '6'],
        [3, 'csat', 'out of range (must be at least 1)', '0'],
        [4, 'nps', 'out of range (must be at most 10)', '11'],
        [5, 'nps', 'out of range (must be at least 0)', '-1'],
        [6, 'csat', 'not a whole number (within ±2^53)', '1.5'],
        [7, 'call_id', 'missing required value', null],
        [8, 'resolved', 'not a boolean (true/false)', 'maybe'],
        [9, 'responded_at', 'not an ISO 8601 timestamp', '2026-11-20 10:0'],
      ],
      kept: async (db) =>
        expect(await rowsOf(db, 'surveys', 'survey_id')).toEqual([
          {
            survey_id: 'S9',
            call_id: 'C1',
            responded_at: utc('2026-11-20T02:00:00Z'),
            csat: 4n,
            nps: 9n,
            resolved: true,
            respondent_number: null,
            comment: null,
          },
        ]),
    },
    {
      table: 'segments',
      title: 'unknown speaker, end before or at start, 1.5 ms, negative offset, missing end',
      lines: [
        'call_id,speaker,start_ms,end_ms', // 1
        'C1,robot,0,1000', // 2
        'C1,agent,5000,4000', // 3 end before start
        'C1,agent,5000,5000', // 4 end equal to start
        'C1,customer,1.5,2000', // 5
        'C1,customer,-5,2000', // 6
        'C1,customer,100,', // 7
        'C1,customer,100,2000', // 8 good
        'C1,customer,100,2000', // 9 a repeat: segments have no key, so it is kept
      ],
      counts: { rows: 8, loaded: 2, rejected: 6 },
      rejects: [
        [2, 'speaker', 'unknown value (allowed: agent, customer)', 'robot'],
        [3, 'end_ms', 'end_ms is not after start_ms', '4000'],
        [4, 'end_ms', 'end_ms is not after start_ms', '5000'],
        [5, 'start_ms', 'not a whole number (within ±2^53)', '1.5'],
        [6, 'start_ms', 'out of range (must be at least 0)', '-5'],
        [7, 'end_ms', 'missing required value', null],
      ],
    },
    {
      table: 'audit_items',
      title: 'weight 0, negative max_points, bad boolean, duplicate composite key',
      lines: [
        'form_id,item_id,section,weight,max_points,critical', // 1
        'F1,greet,opening,0,1,', // 2 weight must be > 0
        'F1,name,opening,1,-1,', // 3
        'F1,close,closing,1,1,maybe', // 4
        'F1,consent,compliance,2,1,true', // 5 good
        'F1,consent,compliance,3,1,true', // 6 same (form_id, item_id) as line 5
      ],
      counts: { rows: 5, loaded: 1, rejected: 4 },
      rejects: [
        [2, 'weight', 'out of range (must be greater than 0)', '0'],
        [3, 'max_points', 'out of range (must be greater than 0)', '-1'],
        [4, 'critical', 'not a boolean (true/false)', 'maybe'],
        [6, 'form_id+item_id', 'duplicate key (first seen on line 5)', 'F1|consent'],
      ],
      // The first of the duplicates is the one kept (weight 2, not 3).
      kept: async (db) =>
        expect(await db.queryJs('select item_id, weight from audit_items')).toEqual([
          { item_id: 'consent', weight: 2 },
        ]),
    },
    {
      table: 'audits',
      title: 'unknown channel, negative points, missing agent and time',
      lines: [
        'audit_id,agent_id,auditor_id,audited_at,channel,item_id,points', // 1
        'AU1,A1,Q1,2026-11-20 15:00:00,email,greet,1', // 2
        'AU1,A1,Q1,2026-11-20 15:00:00,phone,close,-1', // 3
        'AU2,,Q1,2026-11-20 15:00:00,phone,greet,1', // 4
        'AU3,A1,Q1,,phone,greet,1', // 5
        'AU4,A1,Q1,2026-11-20 15:00:00,online,greet,', // 6 good, not applicable
      ],
      counts: { rows: 5, loaded: 1, rejected: 4 },
      rejects: [
        [2, 'channel', 'unknown value (allowed: phone, counter, online)', 'email'],
        [3, 'points', 'out of range (must be at least 0)', '-1'],
        [4, 'agent_id', 'missing required value', null],
        [5, 'audited_at', 'missing required value', null],
      ],
    },
    {
      table: 'agents',
      title: 'unknown grade, impossible and non-ISO dates, missing key',
      lines: [
        'agent_id,grade,hire_date', // 1
        'A1,expert,2024-03-01', // 2
        'A2,junior,2024-02-30', // 3 no 30 February
        'A3,junior,2024/03/01', // 4 not ISO 8601
        'A4,junior,2024-03-01 09:00:00', // 5 a timestamp is not a date (its time would be dropped)
        ',junior,2024-03-01', // 6
        'A5,TECHNICIAN,2024-03-01', // 7 good
      ],
      counts: { rows: 6, loaded: 1, rejected: 5 },
      rejects: [
        [2, 'grade', 'unknown value (allowed: junior, intermediate, senior, technician)', 'expert'],
        [3, 'hire_date', 'not an ISO 8601 date', '2024-02-30'],
        [4, 'hire_date', 'not an ISO 8601 date', '2024/03/01'],
        [5, 'hire_date', 'not an ISO 8601 date', '2024-03-01 09:00:00'],
        [6, 'agent_id', 'missing required value', null],
      ],
      kept: async (db) =>
        expect(await db.queryJs('select agent_id, grade from agents')).toEqual([
          { agent_id: 'A5', grade: 'technician' },
        ]),
    },
    {
      table: 'complaints',
      title: 'unknown severity, 1.5 and negative reopen counts, resolved before opened, bad boolean and time',
      lines: [
        'complaint_id,severity,opened_at,resolved_at,escalated,reopened_count', // 1
        'K1,urgent,2026-11-20 12:00:00,,,', // 2
        'K2,high,2026-11-20 12:00:00,,,1.5', // 3
        'K3,high,2026-11-20 12:00:00,,,-1', // 4
        'K4,high,2026-11-20 12:00:00,2026-11-20 11:59:00,,', // 5
        'K5,high,2026-11-20 12:00:00,,sometimes,', // 6
        'K6,high,yesterday,,,', // 7
        'K7,MEDIUM,2026-11-20 12:00:00,2026-11-20 12:00:00,no,2', // 8 good
      ],
      counts: { rows: 7, loaded: 1, rejected: 6 },
      rejects: [
        [2, 'severity', 'unknown value (allowed: high, medium, low)', 'urgent'],
        [3, 'reopened_count', 'not a whole number (within ±2^53)', '1.5'],
        [4, 'reopened_count', 'out of range (must be at least 0)', '-1'],
        [5, 'resolved_at', 'resolved_at is before opened_at', '2026-11-20 11:59:00'],
        [6, 'escalated', 'not a boolean (true/false)', 'sometimes'],
        [7, 'opened_at', 'not an ISO 8601 timestamp', 'yesterday'],
      ],
      kept: async (db) =>
        expect(await db.queryJs('select complaint_id, severity, escalated, reopened_count from complaints')).toEqual([
          { complaint_id: 'K7', severity: 'medium', escalated: false, reopened_count: 2n },
        ]),
    },
    {
      table: 'shifts',
      title: 'end before or at start, bad shift_date',
      lines: [
        'agent_id,shift_date,start_at,end_at', // 1
        'A1,2026-11-20,2026-11-20 17:00:00,2026-11-20 08:00:00', // 2
        'A2,2026-11-20,2026-11-20 08:00:00,2026-11-20 08:00:00', // 3
        'A3,20.11.2026,2026-11-20 08:00:00,2026-11-20 17:00:00', // 4
      ],
      counts: { rows: 3, loaded: 0, rejected: 3 },
      rejects: [
        [2, 'end_at', 'end_at is not after start_at', '2026-11-20 08:00:00'],
        [3, 'end_at', 'end_at is not after start_at', '2026-11-20 08:00:00'],
        [4, 'shift_date', 'not an ISO 8601 date', '20.11.2026'],
      ],
    },
  ];

  it.each(cases)('$table: $title', async ({ table, lines, counts, rejects, kept }) => {
    const file = writeLines(tmp.path(`${table}-rejects.csv`), lines);
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject(counts);
      expect(await rejectsOf(db)).toEqual(
        rejects.map(([line, column, reason, value]) => ({ file, table, line: BigInt(line), column, reason, value })),
      );
      await kept?.(db);
    }, TZ);
  });

  it('a quoted line break keeps one record; later records are numbered by record', async () => {
    const file = writeLines(tmp.path('surveys-multiline.csv'), [
      'survey_id,call_id,csat,comment', // record 1
      'S1,C1,5,"two', // record 2 ...
      'lines"', // ... ends here
      'S2,C1,9,', // record 3 (physical line 4)
    ]);
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
      expect(await rejectsOf(db)).toEqual([
        { file, table: 'surveys', line: 3n, column: 'csat', reason: 'out of range (must be at most 5)', value: '9' },
      ]);
      expect(await db.queryJs('select survey_id, comment, source_line from surveys')).toEqual([
        { survey_id: 'S1', comment: 'two\nlines', source_line: 2n },
      ]);
    });
  });

  it('broken lines before a duplicate shift both its line and the line of its first', async () => {
    const file = writeLines(tmp.path('agents-dup-shift.csv'), [
      'agent_id,team', // 1
      'A0,north,x', // 2 broken
      'A1,north', // 3
      'A2,south,y,z', // 4 broken
      'A1,south', // 5 repeats line 3
    ]);
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ rows: 4, loaded: 1, rejected: 3 });
      const rejects = await rejectsOf(db);
      expect(rejects.map((r) => [r.line, r.column, r.reason.replace(/ \(.*/, '')])).toEqual([
        [2n, null, 'too many columns'],
        [4n, null, 'too many columns'],
        [5n, 'agent_id', 'duplicate key'],
      ]);
      expect(rejects[2]!.reason).toBe('duplicate key (first seen on line 3)');
      expect(await db.queryJs('select agent_id, team, source_line from agents')).toEqual([
        { agent_id: 'A1', team: 'north', source_line: 3n },
      ]);
    });
  });

  it('empty lines (which the CSV reader skips) still count: later records keep their own lines', async () => {
    const file = writeLines(tmp.path('segments-blank-lines.csv'), [
      'call_id,speaker,start_ms,end_ms', // 1
      'C1,agent,0,100', // 2
      '', // 3
      'C1,agent,0,100,9', // 4 broken
      'C1,robot,0,100', // 5
      '', // 6
      '', // 7
      'C1,customer,100,400', // 8 good
      'C1,customer,500,400', // 9
      '', // 10: trailing empty lines shift nothing
    ]);
    await withDb(async (db) => {
      // Five records: lines 2, 4, 5, 8, 9; the empty lines are no records.
      expect(await load(db, file)).toMatchObject({ rows: 5, loaded: 2, rejected: 3 });
      expect((await rejectsOf(db)).map((r) => [r.line, r.column, r.reason.replace(/ \(Expected.*/, '')])).toEqual([
        [4n, null, 'too many columns'],
        [5n, 'speaker', 'unknown value (allowed: agent, customer)'],
        [9n, 'end_ms', 'end_ms is not after start_ms'],
      ]);
      expect(await db.queryJs('select start_ms, source_line from segments order by source_line')).toEqual([
        { start_ms: 0n, source_line: 2n },
        { start_ms: 100n, source_line: 8n },
      ]);
    });
  });

  it('a file with only its header loads nothing and rejects nothing', async () => {
    const file = writeLines(tmp.path('complaints-empty.csv'), ['complaint_id,opened_at']);
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ status: 'loaded', rows: 0, loaded: 0, rejected: 0 });
      expect(await db.queryJs('select rows, loaded, rejects from load_log')).toEqual([
        { rows: 0n, loaded: 0n, rejects: 0n },
      ]);
    });
  });

  it('the raw record of a reject holds its cells as text', async () => {
    const file = writeLines(tmp.path('segments-raw.csv'), [
      'call_id,speaker,start_ms,end_ms',
      'C1,agent,500,400',
      'C1,agent,0,100,7',
    ]);
    await withDb(async (db) => {
      await load(db, file);
      expect(await db.queryJs('select line, raw from rejects order by line')).toEqual([
        { line: 2n, raw: '{"call_id":"C1","speaker":"agent","start_ms":"500","end_ms":"400","text":null}' },
        // A line of the wrong shape is kept as it stood.
        { line: 3n, raw: 'C1,agent,0,100,7' },
      ]);
    });
  });
});

describe('columns', () => {
  it('unknown extra columns are ignored and listed; headers match whatever their case', async () => {
    const file = writeLines(tmp.path('agents-extra.csv'), ['Agent_ID, Team ,shoe_size,Notes', 'A1,north,42,likes tea']);
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({
        status: 'loaded',
        rows: 1,
        loaded: 1,
        rejected: 0,
        unknownColumns: ['shoe_size', 'Notes'],
      });
      expect(await rowsOf(db, 'agents', 'agent_id')).toEqual([
        { agent_id: 'A1', name: null, team: 'north', site: null, grade: null, hire_date: null },
      ]);
    });
  });

  it('a missing required column fails the file with a message naming it, and changes nothing', async () => {
    const file = writeLines(tmp.path('calls-nodirection.csv'), [
      'call_id,started_at,ended_at',
      'C1,2026-11-20 09:00:00,2026-11-20 09:01:00',
    ]);
    await withDb(async (db) => {
      const before = await snapshot(db);
      await expect(load(db, file)).rejects.toThrow(
        `${file}: missing required column direction (the file has: call_id, started_at, ended_at; use --map to rename)`,
      );
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('a CSV without a header: says its first line looks like data, and never prints it (personal data)', async () => {
    const file = writeLines(tmp.path('calls-no-header.csv'), [
      'C1,inbound,13800000001,2026-11-20 09:00:00,2026-11-20 09:01:00',
      'C2,inbound,13800000002,2026-11-20 10:00:00,2026-11-20 10:01:00',
    ]);
    await withDb(async (db) => {
      const error = await load(db, file).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(FileLoadError);
      expect((error as Error).message).toBe(
        `${file}: missing required columns call_id, direction, started_at, ended_at: line 1 looks like data, not a header (a cell starts with a digit); the first line must name the columns`,
      );
      expect((error as Error).message).not.toContain('13800000001');
    });
  });
});

describe('files that are not what their name says', () => {
  const write = (name: string, text: string) => {
    const path = tmp.path(name);
    writeFileSync(path, text);
    return path;
  };
  const failure = (path: string) =>
    withDb(async (db) => {
      const before = await snapshot(db);
      const error = await load(db, path).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(FileLoadError);
      expect(await snapshot(db)).toEqual(before);
      return (error as Error).message;
    });

  it('a .json file holding one JSON array is one clear error, not a reject per line', async () => {
    const file = write(
      'calls-array.json',
      '[\n  {"call_id": "C1", "direction": "inbound"},\n  {"call_id": "C2", "direction": "inbound"}\n]\n',
    );
    expect(await failure(file)).toBe(
      `${file}: a JSON array, not JSON Lines (one object per line): convert it (jq -c '.[]'), or load a phone system's export with --source amazon-connect-ctr or contact-lens`,
    );
  });

  it('so is a pretty-printed JSON object; a malformed first line is still a reject of its own', async () => {
    const file = write('calls-pretty.json', '{\n  "call_id": "C1",\n  "direction": "inbound"\n}\n');
    expect(await failure(file)).toBe(
      `${file}: a pretty-printed JSON object, not JSON Lines (one object per line): convert it (jq -c .), or load a phone system's export with --source amazon-connect-ctr or contact-lens`,
    );
    const cut = writeLines(tmp.path('calls-bad-first.jsonl'), [
      '{"call_id": "C1", "dir',
      '{"call_id": "C2", "direction": "inbound", "started_at": "2026-11-20 09:00:00", "ended_at": "2026-11-20 09:01:00"}',
    ]);
    await withDb(async (db) => {
      expect(await load(db, cut)).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
      expect((await rejectsOf(db)).map((r) => [r.line, r.reason])).toEqual([[1n, 'not a JSON object']]);
    });
  });

  it("a broken quote where DuckDB samples the file's layout names its line", async () => {
    const header = 'call_id,direction,started_at,ended_at';
    const good = 'C1,inbound,2026-11-20 09:00:00,2026-11-20 09:01:00';
    const unclosed = write(
      'calls-unclosed-quote.csv',
      `${header}\n${good}\n${good}\nC2,"inbound,2026-11-20 09:00:00,2026-11-20 09:01:00\n`,
    );
    expect(await failure(unclosed)).toBe(
      `${unclosed}: line 4: a quoted field is never closed (a stray " ?), so DuckDB cannot read the file's layout`,
    );
    const after = write(
      'calls-text-after-quote.csv',
      `${header}\n${good}\nC2,"in"bound,2026-11-20 09:00:00,2026-11-20 09:01:00\n${good}\n`,
    );
    expect(await failure(after)).toBe(
      `${after}: line 3: text follows the closing quote of a field: a quote inside a quoted field is written twice (""), so DuckDB cannot read the file's layout`,
    );
    // A quote that opens on line 3 and closes on line 4, followed by text there.
    const runs = write(
      'calls-quote-runs-on.csv',
      `${header}\n${good}\nC2,"inbound,2026-11-20 09:00:00,2026-11-20 09:01:00\nC3,in"x,2026-11-20 09:00:00,2026-11-20 09:01:00\n`,
    );
    expect(await failure(runs)).toMatch(
      new RegExp(`^${runs}: line 3: text follows the closing quote of a field \\(the field runs on to line 4\\)`),
    );
  });
});

describe('text encodings', () => {
  const header = 'call_id,direction,queue,started_at,ended_at';
  const row = (id: string, queue: number[]) => [
    ...Buffer.from(`${id},inbound,`),
    ...queue,
    ...Buffer.from(',2026-11-20 09:00:00,2026-11-20 09:01:00\n'),
  ];
  const write = (name: string, bytes: number[] | Buffer) => {
    const path = tmp.path(name);
    writeFileSync(path, Buffer.from(bytes));
    return path;
  };

  it('--encoding reads windows-1251 and Big5 exports; without it they are refused naming the first bad byte', async () => {
    // Привет in windows-1251; 中文 in Big5.
    const cyrillic = write('calls-1251.csv', [
      ...Buffer.from(`${header}\n`),
      ...row('C1', [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
    ]);
    const big5 = write('calls-big5.csv', [...Buffer.from(`${header}\n`), ...row('C2', [0xa4, 0xa4, 0xa4, 0xe5])]);
    await withDb(async (db) => {
      await expect(load(db, cyrillic)).rejects.toThrow(
        `${cyrillic}: not valid UTF-8 at line 2 (byte 0xCF); use --encoding NAME`,
      );
      await expect(load(db, big5)).rejects.toThrow(
        `${big5}: not valid UTF-8 at line 2 (byte 0xA4); use --encoding NAME`,
      );
      expect(await load(db, cyrillic, { encoding: 'windows-1251' })).toMatchObject({
        encoding: 'windows-1251',
        loaded: 1,
      });
      expect(await load(db, big5, { encoding: 'big5' })).toMatchObject({ encoding: 'big5', loaded: 1 });
      expect(await db.queryJs('select call_id, queue from calls order by call_id')).toEqual([
        { call_id: 'C1', queue: 'Привет' },
        { call_id: 'C2', queue: '中文' },
      ]);
      expect(await db.queryJs('select encoding from load_log order by load_id')).toEqual([
        { encoding: 'windows-1251' },
        { encoding: 'big5' },
      ]);
    }, TZ);
  });

  it('a UTF-16 export with its BOM is read without --encoding; an empty line still counts', async () => {
    const text = `${header}\r\nC1,inbound,呼入,2026-11-20 09:00:00,2026-11-20 09:01:00\r\n\r\nC2,sideways,,2026-11-20 09:00:00,2026-11-20 09:01:00\r\n`;
    const file = write('calls-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ encoding: 'utf-16le', rows: 2, loaded: 1, rejected: 1 });
      expect(await db.queryJs('select call_id, queue from calls')).toEqual([{ call_id: 'C1', queue: '呼入' }]);
      // Line 3 is empty, so C2 is on line 4.
      expect((await rejectsOf(db)).map((r) => [r.line, r.column, r.value])).toEqual([[4n, 'direction', 'sideways']]);
    }, TZ);
  });

  it('a gzipped GB18030 export is detected and read', async () => {
    const file = write(
      'calls-gb.csv.gz',
      gzipSync(readFileSync(join(import.meta.dirname, '../fixtures/ingest/gb18030/calls-2026-11-20.csv'))),
    );
    const mapping = {
      calls: { 呼叫编号: 'call_id', 呼叫方向: 'direction', 开始时间: 'started_at', 结束时间: 'ended_at' },
    };
    await withDb(async (db) => {
      // The fixture's third call says 外呼 for its direction.
      expect(await load(db, file, { mapping })).toMatchObject({ encoding: 'gb18030', rows: 3, loaded: 2, rejected: 1 });
    }, TZ);
  });
});

describe('upsert', () => {
  const first = [
    'call_id,direction,started_at,ended_at',
    'C1,inbound,2026-11-20 09:00:00,2026-11-20 09:01:00',
    'C2,inbound,2026-11-20 09:00:00,2026-11-20 09:02:00',
    'C3,inbound,2026-11-20 09:00:00,2026-11-20 09:03:00',
  ];

  it('reloading the same file is skipped by its sha256 and changes nothing, even under another name', async () => {
    const file = writeLines(tmp.path('calls-upsert-a.csv'), first);
    const copy = tmp.path('calls-upsert-a-copy.csv');
    copyFileSync(file, copy);
    await withDb(async (db) => {
      const once = await load(db, file);
      expect(once).toMatchObject({ status: 'loaded', rows: 3, loaded: 3 });
      const after = await snapshot(db);
      expect(await load(db, file)).toMatchObject({
        status: 'skipped',
        loadId: once.loadId,
        rows: 0,
        loaded: 0,
        rejected: 0,
      });
      expect(await load(db, copy)).toMatchObject({ status: 'skipped', loadId: once.loadId });
      expect(await snapshot(db)).toEqual(after);
    });
  });

  it('a corrected file replaces the rows it names and leaves the others; a bad corrected row keeps the old one', async () => {
    const original = writeLines(tmp.path('calls-upsert-b.csv'), first);
    const corrected = writeLines(tmp.path('calls-upsert-b-fix.csv'), [
      'call_id,direction,agent_id,started_at,ended_at',
      'C2,inbound,A9,2026-11-20 09:00:00,2026-11-20 09:05:00', // replaces C2
      'C3,inbound,A9,2026-11-20 09:00:00,2026-11-20 08:00:00', // rejected: C3 stays as it was
      'C4,outbound,A9,2026-11-20 10:00:00,2026-11-20 10:00:30', // new
    ]);
    await withDb(async (db) => {
      const a = await load(db, original);
      const b = await load(db, corrected);
      expect(b).toMatchObject({ status: 'loaded', rows: 3, loaded: 2, rejected: 1 });
      expect(
        await db.queryJs(
          'select call_id, direction, agent_id, ended_at, load_id, source_line from calls order by call_id',
        ),
      ).toEqual([
        {
          call_id: 'C1',
          direction: 'inbound',
          agent_id: null,
          ended_at: utc('2026-11-20T09:01:00Z'),
          load_id: a.loadId,
          source_line: 2n,
        },
        {
          call_id: 'C2',
          direction: 'inbound',
          agent_id: 'A9',
          ended_at: utc('2026-11-20T09:05:00Z'),
          load_id: b.loadId,
          source_line: 2n,
        },
        {
          call_id: 'C3',
          direction: 'inbound',
          agent_id: null,
          ended_at: utc('2026-11-20T09:03:00Z'),
          load_id: a.loadId,
          source_line: 4n,
        },
        {
          call_id: 'C4',
          direction: 'outbound',
          agent_id: 'A9',
          ended_at: utc('2026-11-20T10:00:30Z'),
          load_id: b.loadId,
          source_line: 4n,
        },
      ]);
      expect(await db.queryJs('select file, rows, loaded, rejects from load_log order by load_id')).toEqual([
        { file: original, rows: 3n, loaded: 3n, rejects: 0n },
        { file: corrected, rows: 3n, loaded: 2n, rejects: 1n },
      ]);
    });
  });

  it('segments of a call are replaced as a whole by a later file naming that call', async () => {
    const day1 = writeLines(tmp.path('segments-1.csv'), [
      'call_id,speaker,start_ms,end_ms',
      'C1,agent,0,1000',
      'C1,customer,1000,3000',
      'C2,agent,0,500',
      'C2,customer,500,900',
    ]);
    const day2 = writeLines(tmp.path('segments-2.csv'), ['call_id,speaker,start_ms,end_ms', 'C1,agent,0,1500']);
    await withDb(async (db) => {
      await load(db, day1);
      await load(db, day2);
      // C1's two old segments give way to the one new one; C2 is untouched.
      expect(await rowsOf(db, 'segments', 'call_id, start_ms')).toEqual([
        { call_id: 'C1', speaker: 'agent', start_ms: 0n, end_ms: 1500n, text: null },
        { call_id: 'C2', speaker: 'agent', start_ms: 0n, end_ms: 500n, text: null },
        { call_id: 'C2', speaker: 'customer', start_ms: 500n, end_ms: 900n, text: null },
      ]);
    });
  });
});

describe('time zone', () => {
  const lines = [
    'call_id,direction,started_at,ended_at',
    'C1,inbound,2026-11-20 01:30:00,2026-11-20T13:30:00+02:00',
    'C2,inbound,2026-07-01 12:00:00,2026-07-01T20:00:00Z',
  ];

  it('naive timestamps are local time in the configured zone; explicit offsets win', async () => {
    const file = writeLines(tmp.path('calls-tz-sh.csv'), lines);
    await withDb(async (db) => {
      await load(db, file);
      expect(await db.queryJs('select call_id, started_at, ended_at from calls order by call_id')).toEqual([
        // 01:30 in Shanghai (UTC+8) is 17:30Z the day before; 13:30+02:00 is 11:30Z.
        { call_id: 'C1', started_at: utc('2026-11-19T17:30:00Z'), ended_at: utc('2026-11-20T11:30:00Z') },
        // 12:00 in Shanghai is 04:00Z; 20:00Z stays 20:00Z.
        { call_id: 'C2', started_at: utc('2026-07-01T04:00:00Z'), ended_at: utc('2026-07-01T20:00:00Z') },
      ]);
    }, 'Asia/Shanghai');
  });

  it('the same file in New York follows its daylight saving time', async () => {
    const file = writeLines(tmp.path('calls-tz-ny.csv'), lines);
    await withDb(async (db) => {
      await load(db, file);
      expect(await db.queryJs('select call_id, started_at from calls order by call_id')).toEqual([
        // November: EST, UTC-5 → 06:30Z. July: EDT, UTC-4 → 16:00Z.
        { call_id: 'C1', started_at: utc('2026-11-20T06:30:00Z') },
        { call_id: 'C2', started_at: utc('2026-07-01T16:00:00Z') },
      ]);
    }, 'America/New_York');
  });
});

describe('a file that cannot be applied leaves the database exactly as it was', () => {
  const header = 'call_id,direction,started_at,ended_at';
  const good = 'C8,inbound,2026-11-20 09:00:00,2026-11-20 09:01:00';
  const write = (name: string, bytes: string | Uint8Array) => {
    const path = tmp.path(name);
    writeFileSync(path, bytes);
    return path;
  };
  /** Two calls of a two-batch Arrow table, so that a cut can fall between batches. */
  const twoBatches = () => {
    const batch = (ids: string[]) =>
      new Table({
        call_id: vectorFromArray(ids, new Utf8()),
        direction: vectorFromArray(
          ids.map(() => 'inbound'),
          new Utf8(),
        ),
        started_at: vectorFromArray(
          ids.map(() => '2026-11-20 09:00:00'),
          new Utf8(),
        ),
        ended_at: vectorFromArray(
          ids.map(() => '2026-11-20 09:01:00'),
          new Utf8(),
        ),
      });
    return { first: batch(['C8']), both: batch(['C8']).concat(batch(['C9'])) };
  };

  const cases: Array<[string, () => string, RegExp]> = [
    [
      'garbage bytes named .parquet',
      () => write('calls-garbage.parquet', 'this is not parquet at all, just text\n'),
      /./,
    ],
    // The cut falls inside the last timestamp: the line has all its columns, one cell is short.
    [
      'a CSV cut inside its last cell, no final line break',
      () => write('calls-cut-cell.csv', `${header}\n${good}\nC9,inbound,2026-11-20 09:00:00,2026-11-20 09:0`),
      /truncated: its last line \(3\)/,
    ],
    [
      'a CSV cut inside its last line, no final line break',
      () => write('calls-cut-line.csv', `${header}\n${good}\nC9,inbou`),
      /truncated: its last line \(3\)/,
    ],
    [
      'a JSON Lines file cut inside its last object',
      () =>
        write(
          'calls-cut.jsonl',
          `{"call_id":"C8","direction":"inbound","started_at":"2026-11-20 09:00:00","ended_at":"2026-11-20 09:01:00"}\n{"call_id":"C9","dir`,
        ),
      /truncated: its last line \(2\)/,
    ],
    [
      'an Arrow IPC file with its end cut off',
      () => {
        const bytes = tableToIPC(twoBatches().both, 'file');
        return write('calls-cut-file.arrow', bytes.subarray(0, bytes.length - 10));
      },
      /Arrow/,
    ],
    [
      'an Arrow IPC file cut in half',
      () => {
        const bytes = tableToIPC(twoBatches().both, 'file');
        return write('calls-half-file.arrow', bytes.subarray(0, Math.floor(bytes.length / 2)));
      },
      /Arrow/,
    ],
    [
      'an Arrow IPC stream cut between its batches',
      () => {
        const { first, both } = twoBatches();
        const whole = tableToIPC(both, 'stream');
        // The stream of the first batch alone, without its 8-byte end-of-stream marker, is a
        // prefix of the two-batch stream: the cut a transfer would leave.
        const cut = tableToIPC(first, 'stream').length - 8;
        expect(Buffer.from(whole.subarray(0, cut))).toEqual(Buffer.from(tableToIPC(first, 'stream').subarray(0, cut)));
        return write('calls-cut-stream.arrows', whole.subarray(0, cut));
      },
      /Arrow/,
    ],
    [
      'a gzip file cut short (DuckDB alone would read what is there)',
      () => {
        const whole = gzipSync(
          `${header}\n${good}\n${'C9,inbound,2026-11-20 09:00:00,2026-11-20 09:01:00\n'.repeat(50)}`,
        );
        return write('calls-cut.csv.gz', whole.subarray(0, whole.length - 12));
      },
      /cannot read the file \(broken gzip data: unexpected end of file\)/,
    ],
    [
      'bytes that are neither UTF-8 nor GB18030',
      () => write('calls-binary.csv', Buffer.from([...Buffer.from(`${header}\n`), 0xff, 0xff, 0xff, 0x0a])),
      /: not valid UTF-8 at line 2 \(byte 0xFF\); use --encoding NAME/,
    ],
  ];

  async function centre(db: Database): Promise<void> {
    await load(db, join(CENTRE, 'agents.csv'));
    await load(db, join(CENTRE, 'calls.csv'));
    await load(
      db,
      writeLines(tmp.path('calls-with-reject.csv'), [header, 'C7,inbound,2026-11-20 09:00:00,2026-11-20 08:00:00']),
    );
  }

  for (const [name, make, message] of cases) {
    it(name, async () => {
      const file = make();
      await withDb(async (db) => {
        await centre(db);
        const before = await snapshot(db);
        const error = await load(db, file).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(FileLoadError);
        const text = (error as Error).message;
        expect(text.startsWith(`${file}: `), text).toBe(true);
        expect(text).not.toContain('\n');
        expect(text).toMatch(message);
        expect(await snapshot(db)).toEqual(before);
      }, TZ);
    });
  }

  it('a CSV without a final line break whose last line is whole still loads', async () => {
    const file = write('calls-no-final-newline.csv', `${header}\n${good}`);
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ status: 'loaded', rows: 1, loaded: 1, rejected: 0 });
    });
  });

  it('a CSV without a final line break whose bad record is not the last still loads', async () => {
    const file = write(
      'calls-no-final-newline-2.csv',
      `${header}\nC9,inbound,2026-11-20 09:00:00,2026-11-20 08:00:00\n${good}`,
    );
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ status: 'loaded', rows: 2, loaded: 1, rejected: 1 });
    });
  });

  it('a whole gzip file whose last record is rejected loads (its content ends with a line break)', async () => {
    const file = write(
      'calls-last-bad.csv.gz',
      gzipSync(`${header}\n${good}\nC9,inbound,2026-11-20 09:00:00,2026-11-20 08:00:00\n`),
    );
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ status: 'loaded', rows: 2, loaded: 1, rejected: 1 });
    });
  });

  it('the failed file can be loaded once repaired (it left no sha256 behind)', async () => {
    const file = write('calls-repaired.csv', `${header}\n${good}\nC9,inbou`);
    await withDb(async (db) => {
      await expect(load(db, file)).rejects.toThrow(FileLoadError);
      writeFileSync(file, `${readFileSync(file, 'utf8')}nd,2026-11-20 09:00:00,2026-11-20 09:01:00\n`);
      expect(await load(db, file)).toMatchObject({ status: 'loaded', rows: 2, loaded: 2, rejected: 0 });
    });
  });
});

describe('a header that names a column twice', () => {
  it('refuses the file naming the column and both places, and leaves the database as it was', async () => {
    const file = writeLines(tmp.path('calls-twice.csv'), [
      'call_id,direction,started_at,ended_at,CALL_ID',
      'C1,inbound,2026-11-20 09:00:00,2026-11-20 09:05:00,C9',
    ]);
    await withDb(async (db) => {
      await expect(load(db, file)).rejects.toThrow(
        `${file}: line 1: the header names column "CALL_ID" twice (columns 1 and 5); which one holds the data cannot be told`,
      );
      expect(await db.queryJs('select count(*) as n from calls')).toEqual([{ n: 0n }]);
      expect(await db.queryJs('select count(*) as n from load_log')).toEqual([{ n: 0n }]);
    });
  });
});
