/**
 * `callq load` end to end through main(): summary lines, exit codes (0 done, 1 failed,
 * 2 bad usage or config, 3 rejects above the limit), the rejects CSV, skipping files
 * already loaded, GB18030 exports through a mapping, and one-line errors.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { snapshot, tempDir, utc, writeLines } from './ingest-fixtures.ts';
import { runCli } from '../util/run-cli.ts';

const CENTRE = join(import.meta.dirname, '../fixtures/ingest/centre');
const GB_DIR = join(import.meta.dirname, '../fixtures/ingest/gb18030');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

let dbCount = 0;
/**
 * A fresh database file and a config in Asia/Shanghai (plus any extra keys); `callq` runs
 * with both, `load` runs `callq load ARGS` writing its rejects to `rejects`.
 */
function setup(config: Record<string, unknown> = {}) {
  dbCount += 1;
  const db = tmp.path(`callq-${dbCount}.duckdb`);
  const configPath = tmp.path(`config-${dbCount}.json`);
  const rejects = tmp.path(`out-${dbCount}/rejects.csv`);
  writeFileSync(configPath, JSON.stringify({ timezone: 'Asia/Shanghai', ...config }));
  const callq = (...args: string[]) => runCli('--db', db, '--config', configPath, ...args);
  return {
    db,
    config: configPath,
    rejects,
    callq,
    load: (...args: string[]) => callq('load', ...args, '--rejects', rejects),
  };
}

async function inDb<T>(path: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(path, { timezone: 'Asia/Shanghai' });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

describe('callq load DIR', () => {
  it('loads the eight tables in dependency order, then skips them all on a second run', async () => {
    const s = setup();
    const first = await s.load(CENTRE);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')).toEqual([
      'agents.csv → agents: 3 rows, 3 loaded, 0 rejected',
      'calls.csv → calls: 4 rows, 4 loaded, 0 rejected',
      'segments.csv → segments: 4 rows, 4 loaded, 0 rejected',
      'surveys.csv → surveys: 3 rows, 3 loaded, 0 rejected',
      'audit_items.csv → audit_items: 3 rows, 3 loaded, 0 rejected',
      'audits.csv → audits: 3 rows, 3 loaded, 0 rejected',
      'complaints.csv → complaints: 2 rows, 2 loaded, 0 rejected',
      'shifts.csv → shifts: 2 rows, 2 loaded, 0 rejected',
      // 3 + 4 + 4 + 3 + 3 + 3 + 2 + 2 = 24
      'loaded 24 of 24 rows from 8 file(s); 0 rejected',
      '',
    ]);
    const before = await inDb(s.db, snapshot);

    const second = await s.load(CENTRE);
    expect(second.code).toBe(0);
    expect(second.stdout.split('\n')).toEqual([
      'agents.csv: already loaded (load 1), skipped',
      'calls.csv: already loaded (load 2), skipped',
      'segments.csv: already loaded (load 3), skipped',
      'surveys.csv: already loaded (load 4), skipped',
      'audit_items.csv: already loaded (load 5), skipped',
      'audits.csv: already loaded (load 6), skipped',
      'complaints.csv: already loaded (load 7), skipped',
      'shifts.csv: already loaded (load 8), skipped',
      'loaded 0 of 0 rows from 8 file(s); 0 rejected',
      '',
    ]);
    const after = await inDb(s.db, snapshot);
    // Only the run history grew: one more 'done' load run.
    expect({ ...after, runs: undefined }).toEqual({ ...before, runs: undefined });
    expect(after.runs!.map((r) => [r.command, r.status])).toEqual([
      ['load', 'done'],
      ['load', 'done'],
    ]);
  });

  it('--calls FILE --segments FILE loads the named files; --quiet prints nothing', async () => {
    const s = setup();
    const run = await s.callq(
      '--quiet',
      'load',
      '--segments',
      join(CENTRE, 'segments.csv'),
      '--calls',
      join(CENTRE, 'calls.csv'),
    );
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await inDb(s.db, (db) => db.queryJs('select "table", rows from load_log order by load_id'))).toEqual([
      { table: 'calls', rows: 4n },
      { table: 'segments', rows: 4n },
    ]);
  });
});

describe('an export that holds nothing (a queue_log just rotated, a night with no calls)', () => {
  it('exit 0, named as empty, nothing loaded: with --source and without', async () => {
    const s = setup();
    const log = tmp.path('queue_log');
    writeFileSync(log, '');
    const ctr = tmp.path('ctr-empty.json');
    writeFileSync(ctr, '[]\n');
    const named = await s.load('--source', 'asterisk-queue-log', log);
    expect(named).toEqual({
      code: 0,
      stdout: `empty, nothing to load: ${log}\nloaded 0 of 0 rows from 0 file(s); 0 rejected\n`,
      stderr: '',
    });
    const unnamed = await s.load(log, ctr);
    expect(unnamed).toEqual({
      code: 0,
      stdout: `empty, nothing to load: ${log}, ${ctr}\nloaded 0 of 0 rows from 0 file(s); 0 rejected\n`,
      stderr: '',
    });
    expect(await inDb(s.db, (db) => db.queryJs('select count(*)::int as n from calls'))).toEqual([{ n: 0 }]);
  });
});

describe("a phone system's export: the summary says what each file made and left out", () => {
  const SOURCES = join(import.meta.dirname, '../fixtures/sources');

  it('queue_log: calls, transfer legs, lines that are no call, and the note that there is no hold', async () => {
    const s = setup();
    const log = join(SOURCES, 'asterisk-queue-log/requeue/queue_log');
    // 14 lines: QUEUESTART; three callers, two of them transferred into queue 401 (a leg each).
    expect(await s.load('--source', 'asterisk-queue-log', log)).toEqual({
      code: 0,
      stdout: [
        'queue_log (asterisk-queue-log) → calls: 14 records; made 3 calls, 2 transfer legs; 5 rows loaded, 0 rejected',
        '  left out: 1 queue and member lines (not calls)',
        '  note: queue_log has no hold or wrap-up time: hold_s and acw_s are 0, and there is no speech timeline',
        'loaded 5 of 14 rows from 1 file(s); 0 rejected',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('queue_log with bad lines: their count beside the calls made, exit 3 above the reject share', async () => {
    const s = setup();
    const log = join(SOURCES, 'asterisk-queue-log/bad/queue_log');
    // 9 lines: an unknown event (line 4, inside a call that still loads), a CONNECT with no
    // ENTERQUEUE (line 6), a short line (line 7); two calls; QUEUESTART.
    const run = await s.load('--source', 'asterisk-queue-log', log);
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      'queue_log (asterisk-queue-log) → calls: 9 records; made 2 calls; 2 rows loaded, 3 rejected',
      '  left out: 1 queue and member lines (not calls)',
      '  note: queue_log has no hold or wrap-up time: hold_s and acw_s are 0, and there is no speech timeline',
      'loaded 2 of 9 rows from 1 file(s); 3 rejected',
    ]);
  });

  it('Connect: per file, contacts skipped by reason and copies superseded by a later one', async () => {
    const s = setup();
    const dir = join(SOURCES, 'amazon-connect-ctr/firehose');
    const [first, second] = [
      'connect-ctr-stream-1-2026-11-20-09-10-03-5d1c2a7e-0000-4000-8000-00000000f001',
      'connect-ctr-stream-1-2026-11-21-01-15-42-5d1c2a7e-0000-4000-8000-00000000f002',
    ];
    // f001: …01 (its older copy), …02, …06 made; …03 moved by a flow, …05 ended in the IVR.
    // f002: …01 (newer: replaces f001's copy), …04, …07, …08, …09 made; …02's stale copy
    // and f001's …01 superseded.
    expect(await s.load('--source', 'amazon-connect-ctr', join(dir, first), join(dir, second))).toEqual({
      code: 0,
      stdout: [
        `${first} (amazon-connect-ctr) → calls: 5 records; made 3 calls; 3 rows loaded, 0 rejected`,
        '  left out: 1 contacts that never reached a queue or an agent (ended in a flow)',
        "  left out: 1 contacts a flow moved to another queue (the next contact's wait starts at the first enqueue)",
        `${second} (amazon-connect-ctr) → calls: 6 records; made 5 calls; 5 rows loaded, 0 rejected`,
        '  left out: 2 copies superseded by a later copy of the same contact (LastUpdateTimestamp)',
        'loaded 8 of 11 rows from 2 file(s); 0 rejected',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(await inDb(s.db, (db) => db.queryJs('select count(*)::int as n from calls'))).toEqual([{ n: 7 }]);
  });
});

describe('reject share and the rejects CSV', () => {
  // Four records, one rejected: 25 %.
  const lines = [
    'call_id,direction,started_at,ended_at,shoe_size',
    'C1,inbound,2026-11-20 09:00:00,2026-11-20 09:01:00,42',
    'C2,inbound,2026-11-20 09:00:00,2026-11-20 08:00:00,41',
    'C3,outbound,2026-11-20 10:00:00,2026-11-20 10:00:30,40',
    'C4,outbound,2026-11-20 11:00:00,2026-11-20 11:00:30,39',
  ];

  it('above max_reject_share (default 0.01): exit 3, good rows kept, rejects in the table and the CSV', async () => {
    const s = setup();
    const file = writeLines(tmp.path('calls-share-a.csv'), lines);
    const run = await s.load('--calls', file);
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n')).toEqual([
      'calls-share-a.csv → calls: 4 rows, 3 loaded, 1 rejected; ignored columns: shoe_size',
      'loaded 3 of 4 rows from 1 file(s); 1 rejected',
      `rejected rows: ${s.rejects}`,
      '',
    ]);
    expect(run.stderr).toBe(`callq: ${file}: 1 of 4 rows rejected (25.00%), above max_reject_share 0.01\n`);
    // raw: the record's cells by the contract's columns, in its order (shoe_size is no column).
    const raw = JSON.stringify({
      call_id: 'C2',
      direction: 'inbound',
      agent_id: null,
      queue: null,
      campaign_id: null,
      customer_id: null,
      customer_number: null,
      caller_id: null,
      started_at: '2026-11-20 09:00:00',
      answered_at: null,
      ended_at: '2026-11-20 08:00:00',
      hold_s: null,
      acw_s: null,
      disconnect_party: null,
      transferred: null,
      disposition: null,
      lead_grade: null,
      customer_tier: null,
      sale_amount: null,
      previous_call_id: null,
    });
    expect(readFileSync(s.rejects, 'utf8').split('\n')).toEqual([
      'file,table,line,column,reason,value,raw',
      `${file},calls,3,ended_at,ended_at is before started_at,2026-11-20 08:00:00,"${raw.replaceAll('"', '""')}"`,
      '',
    ]);
    await inDb(s.db, async (db) => {
      expect(await db.queryJs('select call_id from calls order by call_id')).toEqual([
        { call_id: 'C1' },
        { call_id: 'C3' },
        { call_id: 'C4' },
      ]);
      expect(await db.queryJs('select file, line, "column", reason from rejects')).toEqual([
        { file, line: 3n, column: 'ended_at', reason: 'ended_at is before started_at' },
      ]);
      expect(await db.queryJs('select rows, loaded, rejects from load_log')).toEqual([
        { rows: 4n, loaded: 3n, rejects: 1n },
      ]);
      const [run] = await db.queryJs<{ status: string; counts: string }>('select status, counts from runs');
      expect(run!.status).toBe('rejects');
      expect(JSON.parse(run!.counts)).toEqual({ files: 1, rows: 4, loaded: 3, rejected: 1 });
    });
  });

  it('below max_reject_share: exit 0', async () => {
    const s = setup({ max_reject_share: 0.3 });
    const file = writeLines(tmp.path('calls-share-b.csv'), lines);
    const run = await s.load('--calls', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('GB18030 export with Chinese headers through a mapping file', () => {
  const file = join(GB_DIR, 'calls-2026-11-20.csv');
  const mapping = join(GB_DIR, 'mapping.json');

  for (const encodingArgs of [[], ['--encoding', 'gb18030']]) {
    it(`loads ${encodingArgs.length ? 'with --encoding gb18030' : 'detected without --encoding'}`, async () => {
      const s = setup({ max_reject_share: 0.5 });
      const run = await s.load('--calls', file, '--map', mapping, ...encodingArgs);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')[0]).toBe(
        'calls-2026-11-20.csv → calls [gb18030]: 3 rows, 2 loaded, 1 rejected; ignored columns: 备注',
      );
      await inDb(s.db, async (db) => {
        expect(
          await db.queryJs(
            'select call_id, direction, agent_id, queue, started_at, answered_at, ended_at, disposition, lead_grade from calls order by call_id',
          ),
        ).toEqual([
          // 09:00 in Shanghai is 01:00Z.
          {
            call_id: 'C1',
            direction: 'inbound',
            agent_id: 'A1',
            queue: '售后',
            started_at: utc('2026-11-20T01:00:00Z'),
            answered_at: utc('2026-11-20T01:00:10Z'),
            ended_at: utc('2026-11-20T01:05:00Z'),
            disposition: 'resolved',
            lead_grade: null,
          },
          {
            call_id: 'C2',
            direction: 'outbound',
            agent_id: 'A2',
            queue: null,
            started_at: utc('2026-11-20T02:00:00Z'),
            answered_at: utc('2026-11-20T02:00:20Z'),
            ended_at: utc('2026-11-20T02:06:00Z'),
            disposition: 'sale',
            lead_grade: 'A',
          },
        ]);
        // The reject points into the original file (line 4) and quotes the cell in UTF-8.
        expect(await db.queryJs('select file, line, "column", reason, value from rejects')).toEqual([
          { file, line: 4n, column: 'direction', reason: 'unknown value (allowed: inbound, outbound)', value: '外呼' },
        ]);
        expect(await db.queryJs('select encoding, rows, loaded, rejects from load_log')).toEqual([
          { encoding: 'gb18030', rows: 3n, loaded: 2n, rejects: 1n },
        ]);
      });
    });
  }

  it('without the mapping the Chinese headers match nothing: the file fails naming the missing columns', async () => {
    const s = setup();
    const run = await s.load('--calls', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `callq: ${file}: missing required columns call_id, direction, started_at, ended_at (the file has: 呼叫编号, 呼叫方向, 坐席工号, 技能组, 开始时间, 接通时间, 结束时间, 处理结果, 意向等级, 备注; use --map to rename)\n`,
    );
  });
});

describe('--map and --encoding in the summary', () => {
  it("a mapped column the file does not have is a warning line after the file's line", async () => {
    const s = setup();
    const mapping = tmp.path('call-start.json');
    writeFileSync(mapping, '{"calls": {"call_start": "answered_at", "queue": "Queue.Name"}}');
    const run = await s.load('--calls', join(CENTRE, 'calls.csv'), '--map', mapping);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // The centre's calls.csv has a queue column, which the mapping keeps out (queue comes from Queue.Name).
    expect(run.stdout.split('\n')).toEqual([
      'calls.csv → calls: 4 rows, 4 loaded, 0 rejected; ignored columns: queue',
      'calls.csv: mapped column call_start is not in the file',
      'calls.csv: mapped column Queue.Name is not in the file',
      'loaded 4 of 4 rows from 1 file(s); 0 rejected',
      '',
    ]);
  });

  it('--map with --source: an entry the reader would not apply is refused before anything loads', async () => {
    const s = setup();
    const sources = join(import.meta.dirname, '../fixtures/sources');
    const queueLog = join(sources, 'asterisk-queue-log/basic/queue_log');
    const ctr = join(sources, 'amazon-connect-ctr/jsonl/ctr-2026-11-20.jsonl');
    const mapping = tmp.path('source-map.json');
    writeFileSync(mapping, '{"calls": {"campaign_id": {"const": "C1"}, "Attributes.grade": "lead_grade"}}');
    const base = ['load', '--map', mapping, '--source'];
    // queue_log's columns are the format's own: neither entry would do anything.
    const log = await s.callq(...base, 'asterisk-queue-log', queueLog);
    expect(log).toMatchObject({
      code: 2,
      stderr: `callq: --map ${mapping}: asterisk-queue-log does not apply calls.campaign_id, calls.Attributes.grade; it takes no mapping (its columns are the format's own)\n`,
    });
    // Connect takes record paths: the constant alone is refused.
    const connect = await s.callq(...base, 'amazon-connect-ctr', ctr);
    expect(connect.code).toBe(2);
    expect(connect.stderr).toMatch(
      /^callq: --map .*: amazon-connect-ctr does not apply calls\.campaign_id; it takes "Record\.Path"/,
    );
    // Both ways of writing a pick (README's is canonical → path) load.
    writeFileSync(mapping, '{"calls": {"Attributes.grade": "lead_grade", "disposition": "Attributes.disposition"}}');
    expect((await s.callq(...base, 'amazon-connect-ctr', ctr)).code).toBe(0);
    expect(await inDb(s.db, (db) => db.queryJs('select count(*)::int as n from load_log'))).toEqual([{ n: 1 }]);
  });

  it('--encoding takes any name TextDecoder knows and the summary shows it', async () => {
    const s = setup();
    // Привет in windows-1251 (cp1251 is one of its names).
    const file = tmp.path('calls-cp1251.csv');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('call_id,direction,queue,started_at,ended_at\nC1,inbound,'),
        Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
        Buffer.from(',2026-11-20 09:00:00,2026-11-20 09:01:00\n'),
      ]),
    );
    const run = await s.load('--calls', file, '--encoding', 'cp1251');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')[0]).toBe('calls-cp1251.csv → calls [windows-1251]: 1 rows, 1 loaded, 0 rejected');
    expect(await inDb(s.db, (db) => db.queryJs('select queue from calls'))).toEqual([{ queue: 'Привет' }]);
  });
});

describe('a file that cannot be applied', () => {
  it('exit 1, one line naming the file, no stack trace; the database as it was (a failed run recorded)', async () => {
    const s = setup();
    await s.callq('load', '--calls', join(CENTRE, 'calls.csv'));
    const before = await inDb(s.db, snapshot);
    const garbage = tmp.path('calls-garbage.parquet');
    writeFileSync(garbage, 'PAR1 but not really a parquet file');
    const run = await s.load('--calls', garbage);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`callq: ${garbage}: `)).toBe(true);
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd()).not.toContain('\n');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const after = await inDb(s.db, snapshot);
    expect({ ...after, runs: undefined }).toEqual({ ...before, runs: undefined });
    expect(after.runs!.map((r) => r.status)).toEqual(['done', 'failed']);
  });

  it('--verbose adds the stack trace', async () => {
    const s = setup();
    const garbage = tmp.path('calls-garbage-2.parquet');
    writeFileSync(garbage, 'not parquet');
    const run = await s.callq('--verbose', 'load', '--calls', garbage, '--rejects', s.rejects);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^callq: ${garbage}: .*\\n`));
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});

describe('bad usage and bad config: exit 2 with a message naming the problem', () => {
  const calls = join(CENTRE, 'calls.csv');

  it.each([
    ['an unknown key', { max_reject_shares: 0.1 }, /bad config .*: unknown key "max_reject_shares"/],
    ['a share above 1', { max_reject_share: 2 }, /bad config .*: max_reject_share: /],
    [
      'a time zone that does not exist',
      { timezone: 'Mars/Olympus_Mons' },
      /bad config .*: timezone: expected an IANA time zone/,
    ],
    ['a nested unknown key', { sla_h: { urgent: 4 } }, /bad config .*: unknown key "sla_h\.urgent"/],
  ])('config with %s', async (_name, config, message) => {
    const s = setup();
    writeFileSync(s.config, JSON.stringify(config));
    const run = await s.load('--calls', calls);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd()).not.toContain('\n');
  });

  it('a config file that is not JSON', async () => {
    const s = setup();
    writeFileSync(s.config, '{ timezone: Asia/Shanghai');
    const run = await s.callq('load', '--calls', calls);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^callq: bad config ${s.config}: not valid JSON`));
  });

  it('nothing to load, an unknown file type, an unknown encoding, a bad mapping', async () => {
    const s = setup();
    const base = ['load'];
    const nothing = await s.callq(...base);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(
      /^callq: nothing to load: no files given\. Name canonical files after their table \(agents\.csv, calls\.csv.*--source NAME \(asterisk-queue-log: /,
    );
    // A folder of exports named as the phone system or a person named them: each is listed,
    // never read as data, with the table names and the --source choices.
    const folder = tmp.path('unnamed-exports');
    mkdirSync(folder);
    writeLines(join(folder, 'export-2026-11.csv'), ['a,b', '1,2']);
    writeLines(join(folder, 'notes.txt'), ['hello']);
    const unnamed = await s.callq(...base, folder);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toMatch(
      new RegExp(
        `^callq: nothing to load: none of ${join(folder, 'export-2026-11.csv')}, ${join(folder, 'notes.txt')} is named after a table or has a format callq recognises\\. Name canonical files after their table \\(agents\\.csv, calls\\.csv.*--source NAME \\(asterisk-queue-log: .*; asterisk-cdr: .*; amazon-connect-ctr: .*; contact-lens: `,
      ),
    );
    expect(unnamed.stderr).not.toContain('1,2');
    const xlsx = await s.callq(...base, '--calls', 'calls.xlsx');
    expect(xlsx).toMatchObject({
      code: 2,
      stderr: 'callq: --calls calls.xlsx: unknown file type (use .csv, .tsv, .jsonl, .parquet or .arrow)\n',
    });
    const klingon = await s.callq(...base, '--calls', calls, '--encoding', 'klingon');
    expect(klingon.code).toBe(2);
    expect(klingon.stderr).toMatch(
      /'klingon' is invalid\. not an encoding this runtime decodes \(e\.g\. utf-8, gb18030/,
    );
    const mapping = tmp.path('bad-mapping.json');
    writeFileSync(mapping, '{"call": {"a": "call_id"}}');
    const badMap = await s.callq(...base, '--calls', calls, '--map', mapping);
    expect(badMap).toMatchObject({ code: 2, stderr: `callq: bad mapping file ${mapping}: unknown table "call"\n` });
    // None of these touched the data.
    expect(await inDb(s.db, (db) => db.queryJs('select count(*)::int as n from load_log'))).toEqual([{ n: 0 }]);
  });
});
