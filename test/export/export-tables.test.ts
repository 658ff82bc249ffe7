/**
 * Exports: each format holds the table's values as stored (checked against values written
 * by hand, read back by apache-arrow and by DuckDB), and an exported input table loads
 * back through `callq load` to the same canonical rows.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { exportTables, UnknownTableError } from '../../src/export/export-tables.ts';
import { loadFiles } from '../../src/ingest/load-files.ts';
import { CONTRACTS } from '../../src/ingest/contracts.ts';
import { sqlString } from '../../src/db/sql.ts';
import type { Database } from '../../src/db/database.ts';
import { withDb } from '../util/with-db.ts';
import { runCli } from '../util/run-cli.ts';
import { tempDir, writeLines } from '../ingest/ingest-fixtures.ts';

const tmp = tempDir('callq-export-');
afterAll(() => tmp.cleanup());

/** One row of every type the database holds, and a row of nulls. */
async function makeMixed(db: Database): Promise<void> {
  await db.exec(`create table mixed (
    name varchar, grade enum('A', 'B'), tags varchar[], ok boolean, small integer, big bigint,
    huge hugeint, ratio double, money decimal(10, 2), day date, stamp timestamptz, wall timestamp, doc json)`);
  await db.exec(`insert into mixed values
    ('Zhang "Wei", 张伟', 'B', ['c1', 'c2'], true, -7, 9007199254740993, 12345678901234, 0.125, 12.34,
     date '2026-11-21', timestamptz '2026-11-21 09:30:00.250+08', timestamp '2026-11-21 09:30:00', '{"a": 1}'),
    (null, null, null, null, null, null, null, null, null, null, null, null, null)`);
}

describe('exportTables', () => {
  it('Arrow IPC: every type as apache-arrow reads it back; nulls stay null', async () => {
    await withDb(async (db) => {
      await makeMixed(db);
      const [exported] = await exportTables(db, { tables: ['mixed'], format: 'arrow', dir: tmp.path('arrow') });
      expect(exported).toEqual({ table: 'mixed', file: tmp.path('arrow/mixed.arrow'), rows: 2 });
      const table = tableFromIPC(readFileSync(exported!.file));
      expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
        'name:Utf8',
        'grade:Utf8',
        'tags:List<Utf8>',
        'ok:Bool',
        'small:Int32',
        'big:Int64',
        'huge:Int64',
        'ratio:Float64',
        'money:Float64',
        'day:Date32<DAY>',
        'stamp:Timestamp<MILLISECOND, UTC>',
        'wall:Timestamp<MILLISECOND>',
        'doc:Utf8',
      ]);
      const first = table.get(0)!.toJSON();
      expect({ ...first, tags: [...(first.tags as Iterable<string>)] }).toEqual({
        name: 'Zhang "Wei", 张伟',
        grade: 'B',
        tags: ['c1', 'c2'],
        ok: true,
        small: -7,
        big: 9007199254740993n, // above 2^53: kept exact as a 64-bit integer
        huge: 12345678901234n,
        ratio: 0.125,
        money: 12.34,
        day: Date.UTC(2026, 10, 21),
        stamp: Date.UTC(2026, 10, 21, 1, 30, 0, 250), // 09:30:00.250 at +08 is 01:30:00.250Z
        wall: Date.UTC(2026, 10, 21, 9, 30), // wall-clock time, no zone
        doc: '{"a": 1}',
      });
      expect(Object.values(table.get(1)!.toJSON()).every((v) => v === null)).toBe(true);
    });
  });

  it('Parquet and CSV: DuckDB reads back the same values', async () => {
    await withDb(async (db) => {
      await makeMixed(db);
      await exportTables(db, { tables: ['mixed'], format: 'parquet', dir: tmp.path('pq') });
      await exportTables(db, { tables: ['mixed'], format: 'csv', dir: tmp.path('csv') });
      const parquet = await db.queryJs(
        `select name, grade, tags, big, money, stamp from read_parquet(${sqlString(tmp.path('pq/mixed.parquet'))})`,
      );
      expect(parquet[0]).toEqual({
        name: 'Zhang "Wei", 张伟',
        grade: 'B',
        tags: ['c1', 'c2'],
        big: 9007199254740993n,
        money: 12.34,
        stamp: new Date(Date.UTC(2026, 10, 21, 1, 30, 0, 250)),
      });
      const csv = readFileSync(tmp.path('csv/mixed.csv'), 'utf8').split('\n');
      expect(csv[0]).toBe('name,grade,tags,ok,small,big,huge,ratio,money,day,stamp,wall,doc');
      // The session zone is UTC here; a name with a quote and a comma is quoted.
      expect(csv[1]).toBe(
        `"Zhang ""Wei"", 张伟",B,"[c1, c2]",true,-7,9007199254740993,12345678901234,0.125,12.34,2026-11-21,2026-11-21 01:30:00.25+00,2026-11-21 09:30:00,"{""a"": 1}"`,
      );
    });
  });

  it('an empty table is a file with its columns and no rows', async () => {
    await withDb(async (db) => {
      const [exported] = await exportTables(db, { tables: ['complaints'], format: 'arrow', dir: tmp.path('empty') });
      const table = tableFromIPC(readFileSync(exported!.file));
      expect(table.numRows).toBe(0);
      expect(table.schema.fields.map((f) => f.name)).toEqual([
        ...CONTRACTS.complaints.columns.map((c) => c.name),
        'load_id',
        'source_line',
      ]);
    });
  });

  it('an unknown table is refused before anything is written', async () => {
    await withDb(async (db) => {
      await expect(
        exportTables(db, { tables: ['calls', 'no_such'], format: 'csv', dir: tmp.path('none') }),
      ).rejects.toThrow(UnknownTableError);
      await expect(
        exportTables(db, { tables: ['calls', 'no_such'], format: 'csv', dir: tmp.path('none') }),
      ).rejects.toThrow(/no table no_such/);
    });
  });

  it('an exported calls table loads back to the same canonical rows, in each format', async () => {
    const source = writeLines(tmp.path('calls.csv'), [
      'call_id,direction,agent_id,customer_number,started_at,answered_at,ended_at,hold_s,transferred,disposition,lead_grade,sale_amount',
      'C1,outbound,A1,013800000001,2026-11-20 09:00:00,2026-11-20 09:00:05,2026-11-20 09:03:00,10,false,sale,a,199.5',
      'C2,inbound,A2,+8613900000002,2026-11-20T10:00:00+08:00,,2026-11-20 10:00:40,,yes,,,',
    ]);
    const canonical = CONTRACTS.calls.columns.map((c) => `"${c.name}"`).join(', ');
    const rowsOf = (db: Database) => db.queryJs(`select ${canonical} from calls order by call_id`);
    await withDb(async (db) => {
      await loadFiles(db, [{ table: 'calls', path: source, format: 'csv' }], { maxRejectShare: 0 });
      const original = await rowsOf(db);
      expect(original.map((r) => [r.call_id, r.customer_number, r.lead_grade, r.transferred])).toEqual([
        ['C1', '013800000001', 'A', false],
        ['C2', '+8613900000002', null, true],
      ]);
      for (const format of ['csv', 'parquet', 'arrow'] as const) {
        // A CSV meant to be loaded back keeps `+86…` as it is (--no-safe-for-spreadsheets).
        const [exported] = await exportTables(db, {
          tables: ['calls'],
          format,
          dir: tmp.path(`round-${format}`),
          safeForSpreadsheets: false,
        });
        const reloaded = await withDb(async (fresh) => {
          // load_id and source_line are extra columns to the load, and ignored.
          await loadFiles(fresh, [{ table: 'calls', path: exported!.file, format }], { maxRejectShare: 0 });
          return rowsOf(fresh);
        }, 'Asia/Shanghai');
        expect(reloaded, format).toEqual(original);
      }
    }, 'Asia/Shanghai');
  });
});

describe('CSV for spreadsheets', () => {
  it('gives text that a spreadsheet would run as a formula a leading apostrophe, by default only', async () => {
    await withDb(async (db) => {
      await db.exec(`create table notes (id integer, note varchar);
        insert into notes values (1, '=HYPERLINK("http://x","y")'), (2, '+cmd|'' /C calc''!A0'), (3, '@SUM(A1)'),
          (4, '-2+3'), (5, chr(9) || 'tab'), (6, 'plain = text'), (7, null), (-8, '+8613900000002')`);
      await exportTables(db, { tables: ['notes'], format: 'csv', dir: tmp.path('safe') });
      expect(readFileSync(tmp.path('safe/notes.csv'), 'utf8').split('\n')).toEqual([
        'id,note',
        `1,"'=HYPERLINK(""http://x"",""y"")"`,
        `2,'+cmd|' /C calc'!A0`,
        "3,'@SUM(A1)",
        "4,'-2+3",
        "5,'\ttab",
        '6,plain = text',
        '7,',
        "-8,'+8613900000002",
        '',
      ]);
      await exportTables(db, { tables: ['notes'], format: 'csv', dir: tmp.path('raw'), safeForSpreadsheets: false });
      expect(readFileSync(tmp.path('raw/notes.csv'), 'utf8').split('\n')[3]).toBe('3,@SUM(A1)');
    });
  });
});

describe('callq export', () => {
  it('writes every table when none is named; an unknown table is exit 2', async () => {
    const db = tmp.path('cli.duckdb');
    expect(
      (
        await runCli(
          '--db',
          db,
          'load',
          '--calls',
          writeLines(tmp.path('calls-none.csv'), ['call_id,direction,started_at,ended_at']),
        )
      ).code,
    ).toBe(0);
    const all = await runCli('--db', db, 'export', '--format', 'csv', '--out', tmp.path('cli'));
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`${tmp.path('cli/calls.csv')}: 0 rows\n`);
    expect(all.stdout).toContain(`${tmp.path('cli/load_log.csv')}: 1 rows\n`);
    const bad = await runCli('--db', db, 'export', 'callz', '--out', tmp.path('cli'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no table callz in the database/);
  });
});
