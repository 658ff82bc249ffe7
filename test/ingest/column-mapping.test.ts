/**
 * Column mapping: a mapping file renames source columns; otherwise a column matches its
 * canonical name whatever its case and padding; the rest is listed as unknown; required
 * columns the file lacks are named. A bad mapping file is a usage error naming the problem.
 * Then every other form, loaded from hand-written files in Asia/Shanghai (UTC+8, so a
 * naive local 09:00 is 01:00Z): nested JSON paths, constants, a dropped column, epoch and
 * strptime times, and mapped columns the file does not have.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/usage-error.ts';
import { readMapping, resolveColumns, type ColumnMapping } from '../../src/ingest/column-mapping.ts';
import { withDb } from '../util/with-db.ts';
import { load, rejectsOf, tempDir, utc, writeLines } from './ingest-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const mappingFile = (name: string, text: string) => {
  const path = tmp.path(name);
  writeFileSync(path, text);
  return path;
};

describe('resolveColumns', () => {
  it('matches names case-insensitively and ignoring padding; lists unknown and missing required columns', () => {
    const resolved = resolveColumns('calls', ['CALL_ID', ' Direction ', 'started_at', 'colour', 'Queue']);
    expect([...resolved.sources]).toEqual([
      ['call_id', 'CALL_ID'],
      ['direction', ' Direction '],
      ['started_at', 'started_at'],
      ['queue', 'Queue'],
    ]);
    expect(resolved.unknown).toEqual(['colour']);
    expect(resolved.missingRequired).toEqual(['ended_at']);
  });

  it('a mapping renames source columns, per table', () => {
    const mapping = {
      calls: { 呼叫编号: 'call_id', 方向: 'direction', 开始: 'started_at', 结束: 'ended_at' },
      agents: { 工号: 'agent_id' },
    };
    const resolved = resolveColumns('calls', ['呼叫编号', '方向', '开始', '结束', '工号'], mapping);
    expect([...resolved.sources]).toEqual([
      ['call_id', '呼叫编号'],
      ['direction', '方向'],
      ['started_at', '开始'],
      ['ended_at', '结束'],
    ]);
    // 工号 is mapped for agents only.
    expect(resolved.unknown).toEqual(['工号']);
    expect(resolved.missingRequired).toEqual([]);
  });

  it('a second source for the same canonical column is left out, not merged', () => {
    const resolved = resolveColumns('agents', ['agent_id', 'emp_no'], { agents: { emp_no: 'agent_id' } });
    expect([...resolved.sources]).toEqual([['agent_id', 'agent_id']]);
    expect(resolved.unknown).toEqual(['emp_no']);
  });
});

describe('readMapping', () => {
  it('reads table → {source: canonical}', () => {
    const path = mappingFile('ok.json', '{"surveys": {"满意度": "csat"}}');
    expect(readMapping(path)).toEqual({ surveys: { 满意度: 'csat' } });
  });

  it.each([
    ['not JSON', '{calls:', /^bad mapping file .*not-JSON\.json: /],
    ['an array', '[1]', /expected an object of table name → \{source column: canonical column\}/],
    ['an unknown table', '{"cals": {"a": "call_id"}}', /unknown table "cals"/],
    ['an unknown target column', '{"calls": {"编号": "call_no"}}', /calls\."编号" maps to unknown column "call_no"/],
    ['a table that is not an object', '{"calls": "call_id"}', /"calls" must map source to canonical column names/],
  ])('refuses %s as a usage error', (name, text, message) => {
    const path = mappingFile(`${name.replaceAll(' ', '-')}.json`, text);
    expect(() => readMapping(path)).toThrow(UsageError);
    expect(() => readMapping(path)).toThrow(message);
  });
});

describe('readMapping: the other forms', () => {
  it('turns {"canonical": "Source.Path"} around and keeps the file\'s own column of that name out', () => {
    const path = mappingFile('path.json', '{"calls": {"queue": "Queue.Name", "呼叫编号": "call_id"}}');
    expect(readMapping(path)).toEqual({ calls: { 'Queue.Name': 'queue', queue: null, 呼叫编号: 'call_id' } });
  });

  it('reads constants, dropped columns, epoch and format times as they are written', () => {
    const mapping = {
      calls: {
        direction: { const: 'inbound' },
        acw_s: { const: 15 },
        transferred: { const: false },
        queue: null,
        started_at: { from: 'start', epoch: 's' },
        ended_at: { from: 'end', format: '%d/%m/%Y %H:%M:%S' },
      },
      shifts: { shift_date: { from: 'day', format: '%d.%m.%Y' } },
    };
    expect(readMapping(mappingFile('forms.json', JSON.stringify(mapping)))).toEqual(mapping);
  });

  it.each([
    [
      'a constant outside the allowed values',
      { calls: { direction: { const: 'in' } } },
      /calls\."direction": the constant "in" is not one of inbound, outbound/,
    ],
    [
      'text for a number column',
      { calls: { acw_s: { const: '15' } } },
      /calls\."acw_s": the constant "15" does not fit acw_s: expected a number/,
    ],
    [
      '1.5 for a whole-number column',
      { surveys: { csat: { const: 1.5 } } },
      /surveys\."csat": the constant 1\.5 does not fit csat: expected a whole number/,
    ],
    [
      'an empty constant',
      { calls: { queue: { const: ' ' } } },
      /calls\."queue": the constant " " does not fit queue: expected a non-empty string/,
    ],
    [
      'an epoch for a date column',
      { shifts: { shift_date: { from: 'd', epoch: 's' } } },
      /shifts\."shift_date": epoch times fill timestamp columns; shift_date is a date column/,
    ],
    [
      'an epoch unit other than s or ms',
      { calls: { started_at: { from: 't', epoch: 'us' } } },
      /calls\."started_at": "epoch" must be "s" or "ms", not "us"/,
    ],
    [
      'a time entry with both epoch and format',
      { calls: { started_at: { from: 't', epoch: 's', format: '%s' } } },
      /calls\."started_at": expected \{"const": value\}, \{"from": "source", "epoch"/,
    ],
    [
      'a format without a % field',
      { calls: { started_at: { from: 't', format: 'dd/mm/yyyy' } } },
      /"format" must be a strptime format/,
    ],
    [
      'null for a name that is no column',
      { calls: { colour: null } },
      /calls\."colour": null keeps a file column out of the load, but "colour" is no calls column/,
    ],
    [
      'a source feeding two columns',
      { calls: { queue: 'Q', campaign_id: 'Q' } },
      /calls\."Q" is mapped twice \("queue" and "campaign_id"\)/,
    ],
    [
      'a time source that also feeds another column',
      { calls: { t: 'answered_at', started_at: { from: 't', epoch: 's' } } },
      /calls\."t" feeds both answered_at and started_at/,
    ],
    [
      'a constant column that also has a source',
      { calls: { direction: { const: 'inbound' }, Dir: 'direction' } },
      /calls\.direction has its own entry and also the source column "Dir"/,
    ],
  ])('refuses %s', (name, mapping, message) => {
    const path = mappingFile(`bad-${name.replaceAll(' ', '-')}.json`, JSON.stringify(mapping));
    expect(() => readMapping(path)).toThrow(UsageError);
    expect(() => readMapping(path)).toThrow(message);
  });
});

describe('resolveColumns: the other forms', () => {
  it('a constant or a time entry takes nothing from a same-named file column; null keeps a column out', () => {
    const mapping: ColumnMapping = {
      calls: {
        direction: { const: 'inbound' },
        started_at: { from: 'start', epoch: 's' },
        queue: null,
        QueueName: 'queue',
        ended_at: { from: 'ended_at', epoch: 'ms' },
      },
    };
    const resolved = resolveColumns(
      'calls',
      ['call_id', 'Direction', 'started_at', 'start', 'queue', 'QueueName', 'ended_at'],
      mapping,
    );
    expect([...resolved.sources]).toEqual([
      ['call_id', 'call_id'],
      ['started_at', 'start'],
      ['queue', 'QueueName'],
      ['ended_at', 'ended_at'],
    ]);
    expect([...resolved.constants]).toEqual([['direction', 'inbound']]);
    expect([...resolved.times.keys()]).toEqual(['started_at', 'ended_at']);
    expect(resolved.unknown).toEqual(['Direction', 'started_at', 'queue']);
    // direction has its constant, so nothing required is missing.
    expect(resolved.missingRequired).toEqual([]);
    expect(resolved.missingMapped).toEqual([]);
  });

  it('lists mapped source columns the file does not have; a JSON object whose field is mapped is not read by its name', () => {
    const mapping: ColumnMapping = {
      calls: { call_start: 'started_at', 'Queue.Name': 'queue', answered: 'answered_at' },
    };
    const resolved = resolveColumns('calls', ['Queue', 'Queue.Name', ' answered '], mapping);
    expect([...resolved.sources]).toEqual([
      ['queue', 'Queue.Name'],
      ['answered_at', ' answered '],
    ]);
    expect(resolved.unknown).toEqual([]);
    expect(resolved.missingMapped).toEqual(['call_start']);
  });
});

describe('loading through the other forms', () => {
  const TZ = 'Asia/Shanghai';
  const mapped = (name: string, mapping: object): ColumnMapping =>
    readMapping(mappingFile(name, JSON.stringify(mapping)));

  it("JSON Lines: a dotted source that is no top-level key is a nested path; the file's own queue is not read", async () => {
    const file = writeLines(tmp.path('calls-nested.jsonl'), [
      '{"Id": "C1", "Dir": "inbound", "Queue": {"Name": "billing", "Id": "q1"}, "queue": "q-7", "Start": "2026-11-20 09:00:00", "End": "2026-11-20 09:05:00"}',
      '{"Id": "C2", "Dir": "inbound", "Queue": {"Name": "sales"}, "queue": "q-8", "Start": "2026-11-20 10:00:00", "End": "2026-11-20 10:01:00"}',
      '{"Id": "C3", "Dir": "inbound", "Queue": null, "Start": "2026-11-20 11:00:00", "End": "2026-11-20 11:01:00"}',
    ]);
    const mapping = mapped('nested.json', {
      calls: { Id: 'call_id', Dir: 'direction', queue: 'Queue.Name', Start: 'started_at', End: 'ended_at' },
    });
    await withDb(async (db) => {
      // Queue is read through Queue.Name, so only the file's own queue is ignored.
      expect(await load(db, file, { mapping })).toMatchObject({
        rows: 3,
        loaded: 3,
        rejected: 0,
        unknownColumns: ['queue'],
        missingMapped: [],
      });
      expect(await db.queryJs('select call_id, queue from calls order by call_id')).toEqual([
        { call_id: 'C1', queue: 'billing' },
        { call_id: 'C2', queue: 'sales' },
        { call_id: 'C3', queue: null },
      ]);
    }, TZ);
  });

  it('constants fill every row, in CSV (typed by the reader) and JSON Lines alike; a same-named column is ignored', async () => {
    const csv = writeLines(tmp.path('calls-const.csv'), [
      'call_id,direction,started_at,ended_at',
      'C1,outbound,2026-11-20 09:00:00,2026-11-20 09:05:00',
      'C2,,2026-11-20 10:00:00,2026-11-20 10:01:00',
    ]);
    const jsonl = writeLines(tmp.path('calls-const.jsonl'), [
      '{"call_id": "C3", "started_at": "2026-11-20 11:00:00", "ended_at": "2026-11-20 11:01:00"}',
    ]);
    const mapping = mapped('const.json', {
      calls: { direction: { const: 'inbound' }, acw_s: { const: 15 }, transferred: { const: true } },
    });
    await withDb(async (db) => {
      expect(await load(db, csv, { mapping })).toMatchObject({
        rows: 2,
        loaded: 2,
        rejected: 0,
        unknownColumns: ['direction'],
      });
      expect(await load(db, jsonl, { mapping })).toMatchObject({ rows: 1, loaded: 1, rejected: 0, unknownColumns: [] });
      expect(await db.queryJs('select call_id, direction, acw_s, transferred from calls order by call_id')).toEqual([
        { call_id: 'C1', direction: 'inbound', acw_s: 15, transferred: true },
        { call_id: 'C2', direction: 'inbound', acw_s: 15, transferred: true },
        { call_id: 'C3', direction: 'inbound', acw_s: 15, transferred: true },
      ]);
    }, TZ);
  });

  it('null keeps a clashing column out: queue comes from QueueName, though queue comes first', async () => {
    const file = writeLines(tmp.path('calls-drop.csv'), [
      'call_id,direction,started_at,ended_at,queue,QueueName',
      'C1,inbound,2026-11-20 09:00:00,2026-11-20 09:05:00,17,billing',
    ]);
    await withDb(async (db) => {
      expect(
        await load(db, file, { mapping: mapped('drop.json', { calls: { queue: null, QueueName: 'queue' } }) }),
      ).toMatchObject({ loaded: 1, unknownColumns: ['queue'] });
      expect(await db.queryJs('select queue from calls')).toEqual([{ queue: 'billing' }]);
    }, TZ);
  });

  it('epoch seconds and milliseconds are instants; a cell that is no epoch is a reject with its own text', async () => {
    // 1795136400 s is 2026-11-20T01:00:00Z; 1795136700000 ms is five minutes later.
    const file = writeLines(tmp.path('calls-epoch.csv'), [
      'call_id,direction,start,end', // 1
      'C1,inbound,1795136400,1795136700000', // 2
      'C2,inbound, 1795136400.25 ,1795136700000.5', // 3: fractions, padding
      'C3,inbound,abc,1795136700000', // 4
      'C4,inbound,2026-11-20 09:00:00,1795136700000', // 5: ISO, but the mapping says epoch
      'C5,inbound,,1795136700000', // 6
      'C6,inbound,1795136400,-5', // 7
    ]);
    const mapping = mapped('epoch.json', {
      calls: { started_at: { from: 'start', epoch: 's' }, ended_at: { from: 'end', epoch: 'ms' } },
    });
    await withDb(async (db) => {
      expect(await load(db, file, { mapping })).toMatchObject({ rows: 6, loaded: 2, rejected: 4 });
      expect(await db.queryJs('select call_id, started_at, ended_at from calls order by call_id')).toEqual([
        { call_id: 'C1', started_at: utc('2026-11-20T01:00:00Z'), ended_at: utc('2026-11-20T01:05:00Z') },
        { call_id: 'C2', started_at: utc('2026-11-20T01:00:00.250Z'), ended_at: utc('2026-11-20T01:05:00.000Z') },
      ]);
      // A JS Date stops at milliseconds; the half millisecond is stored.
      expect(await db.queryJs("select epoch_us(ended_at) as us from calls where call_id = 'C2'")).toEqual([
        { us: 1_795_136_700_000_500n },
      ]);
      expect((await rejectsOf(db)).map(({ line, column, reason, value }) => ({ line, column, reason, value }))).toEqual(
        [
          { line: 4n, column: 'started_at', reason: 'not an epoch time in seconds', value: 'abc' },
          { line: 5n, column: 'started_at', reason: 'not an epoch time in seconds', value: '2026-11-20 09:00:00' },
          { line: 6n, column: 'started_at', reason: 'missing required value', value: null },
          { line: 7n, column: 'ended_at', reason: 'not an epoch time in milliseconds', value: '-5' },
        ],
      );
      // The record shows the cells as the file had them, in the contract's order.
      const [raw] = await db.queryJs<{ raw: string }>('select raw from rejects where line = 4');
      expect(JSON.parse(raw!.raw)).toMatchObject({ call_id: 'C3', started_at: 'abc', ended_at: '1795136700000' });
      expect(Object.keys(JSON.parse(raw!.raw)).slice(0, 10)).toEqual([
        'call_id',
        'direction',
        'agent_id',
        'queue',
        'campaign_id',
        'customer_id',
        'customer_number',
        'caller_id',
        'started_at',
        'answered_at',
      ]);
    }, TZ);
  });

  it('a strptime format is local time (or an instant with %z); a cell that does not match is a reject, never a guess', async () => {
    const file = writeLines(tmp.path('calls-format.jsonl'), [
      '{"call_id": "C1", "direction": "inbound", "start": "20/11/2026 09:00:00", "end": "20/11/2026 09:05:00 +0000"}',
      '{"call_id": "C2", "direction": "inbound", "start": "2026-11-20 10:00:00", "end": "20/11/2026 10:01:00 +0000"}',
      '{"call_id": "C3", "direction": "inbound", "start": "31/02/2026 11:00:00", "end": "20/11/2026 11:01:00 +0800"}',
      '{"call_id": "C4", "direction": "inbound", "start": "9/1/2026 9:00:00", "end": "09/01/2026 01:30:00 +0000"}',
    ]);
    const mapping = mapped('format.json', {
      calls: {
        started_at: { from: 'start', format: '%d/%m/%Y %H:%M:%S' },
        ended_at: { from: 'end', format: '%d/%m/%Y %H:%M:%S %z' },
      },
    });
    await withDb(async (db) => {
      expect(await load(db, file, { mapping })).toMatchObject({ rows: 4, loaded: 2, rejected: 2 });
      expect(await db.queryJs('select call_id, started_at, ended_at from calls order by call_id')).toEqual([
        // 09:00 in Shanghai is 01:00Z; the end carries its own offset.
        { call_id: 'C1', started_at: utc('2026-11-20T01:00:00Z'), ended_at: utc('2026-11-20T09:05:00Z') },
        // strptime takes unpadded day, month and hour.
        { call_id: 'C4', started_at: utc('2026-01-09T01:00:00Z'), ended_at: utc('2026-01-09T01:30:00Z') },
      ]);
      expect((await rejectsOf(db)).map(({ line, column, reason, value }) => ({ line, column, reason, value }))).toEqual(
        [
          {
            line: 2n,
            column: 'started_at',
            reason: 'does not match the format %d/%m/%Y %H:%M:%S',
            value: '2026-11-20 10:00:00',
          },
          {
            line: 3n,
            column: 'started_at',
            reason: 'does not match the format %d/%m/%Y %H:%M:%S',
            value: '31/02/2026 11:00:00',
          },
        ],
      );
    }, TZ);
  });

  it('a date column read with a format', async () => {
    const file = writeLines(tmp.path('shifts-format.csv'), [
      'agent_id,day,start_at,end_at',
      'A1,20.11.2026,2026-11-20 09:00:00,2026-11-20 17:00:00',
      'A2,2026-11-20,2026-11-20 09:00:00,2026-11-20 17:00:00',
    ]);
    await withDb(async (db) => {
      expect(
        await load(db, file, {
          mapping: mapped('date.json', { shifts: { shift_date: { from: 'day', format: '%d.%m.%Y' } } }),
        }),
      ).toMatchObject({ loaded: 1, rejected: 1 });
      expect(await db.queryJs('select agent_id, shift_date::varchar as shift_date from shifts')).toEqual([
        { agent_id: 'A1', shift_date: '2026-11-20' },
      ]);
      expect((await rejectsOf(db)).map(({ line, reason, value }) => [line, reason, value])).toEqual([
        [3n, 'does not match the format %d.%m.%Y', '2026-11-20'],
      ]);
    }, TZ);
  });

  it('a format DuckDB does not know fails the file, naming the field', async () => {
    const file = writeLines(tmp.path('calls-bad-format.csv'), [
      'call_id,direction,start,ended_at',
      'C1,inbound,20/11/2026,2026-11-20 09:00:00',
    ]);
    const mapping = mapped('bad-format.json', { calls: { started_at: { from: 'start', format: '%d/%Q/%Y' } } });
    await withDb(async (db) => {
      await expect(load(db, file, { mapping })).rejects.toThrow(
        `${file}: Invalid Input Error: Failed to parse format specifier %d/%Q/%Y: Unrecognized format for strftime/strptime: %Q`,
      );
      expect(await db.queryJs('select count(*)::int as n from load_log')).toEqual([{ n: 0 }]);
    }, TZ);
  });

  it('names the mapped columns a file does not have', async () => {
    const csv = writeLines(tmp.path('calls-unmapped.csv'), [
      'call_id,direction,started_at,ended_at',
      'C1,inbound,2026-11-20 09:00:00,2026-11-20 09:05:00',
    ]);
    const jsonl = writeLines(tmp.path('calls-unmapped.jsonl'), [
      '{"call_id": "C2", "direction": "inbound", "started_at": "2026-11-20 09:00:00", "ended_at": "2026-11-20 09:05:00", "Queue": {"Id": 7}}',
    ]);
    const mapping = mapped('unmapped.json', { calls: { call_start: 'answered_at', 'Queue.Name': 'queue' } });
    await withDb(async (db) => {
      expect(await load(db, csv, { mapping })).toMatchObject({
        loaded: 1,
        missingMapped: ['call_start', 'Queue.Name'],
      });
      // Queue.Name is a path no line has.
      expect(await load(db, jsonl, { mapping })).toMatchObject({
        loaded: 1,
        missingMapped: ['call_start', 'Queue.Name'],
        unknownColumns: ['Queue'],
      });
    }, TZ);
  });
});
