/**
 * loadFiles: several files, one transaction each; the summary adds them up; this load's
 * rejects go to a CSV; files whose reject share passes the limit are named.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/ingest/discover-files.ts';
import { FileLoadError } from '../../src/ingest/load-file.ts';
import { loadFiles } from '../../src/ingest/load-files.ts';
import { withDb } from '../util/with-db.ts';
import { tempDir, writeLines } from './ingest-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const calls = writeLines(tmp.path('calls.csv'), [
  'call_id,direction,started_at,ended_at',
  'C1,inbound,2026-11-20 09:00:00,2026-11-20 09:01:00',
  'C2,inbound,2026-11-20 09:00:00,2026-11-20 09:02:00',
]);
// Three records, two rejected: a share of 2/3.
const segments = writeLines(tmp.path('segments.csv'), [
  'call_id,speaker,start_ms,end_ms',
  'C1,agent,0,1000',
  'C1,robot,1000,2000',
  'C1,customer,3000,2500',
]);
const input = (table: InputFile['table'], path: string, format: InputFile['format'] = 'csv'): InputFile => ({
  table,
  path,
  format,
});

describe('loadFiles', () => {
  it('reads a file whose name has glob characters as itself, not as the files the pattern matches', async () => {
    const header = 'call_id,direction,started_at,ended_at';
    const one = (id: string) => [header, `${id},inbound,2026-11-20 09:00:00,2026-11-20 09:05:00`];
    const files = [
      writeLines(tmp.path('calls-a.csv'), one('A1')),
      writeLines(tmp.path('calls-b.csv'), one('B1')),
      writeLines(tmp.path('calls-[ab].csv'), one('AB1')),
    ];
    await withDb(async (db) => {
      const summary = await loadFiles(
        db,
        files.map((f) => input('calls', f)),
        { maxRejectShare: 0 },
      );
      expect(summary.files.map((f) => f.rows)).toEqual([1, 1, 1]);
      expect(await db.queryJs('select call_id, source_line from calls order by load_id')).toEqual([
        { call_id: 'A1', source_line: 2n },
        { call_id: 'B1', source_line: 2n },
        { call_id: 'AB1', source_line: 2n },
      ]);
    });
  });

  it('writes every duplicate-key reject to the CSV, over a row group of them (a DuckDB bug hid them)', async () => {
    const rows = 123_000;
    const lines = ['call_id,direction,started_at,ended_at'];
    for (let i = 0; i < rows; i++)
      lines.push(
        `D${i},inbound,2026-11-20 09:00:00,2026-11-20 09:05:00`,
        `D${i},inbound,2026-11-20 09:00:00,2026-11-20 09:06:00`,
      );
    const file = writeLines(tmp.path('calls-duplicated.csv'), lines);
    const rejectsCsv = tmp.path('out/duplicates/rejects.csv');
    await withDb(async (db) => {
      const summary = await loadFiles(db, [input('calls', file)], { maxRejectShare: 1, rejectsCsv });
      expect(summary).toMatchObject({ rows: 2 * rows, loaded: rows, rejected: rows });
      const csv = readFileSync(rejectsCsv, 'utf8').split('\n');
      expect(csv).toHaveLength(rows + 2);
      expect(csv[1]).toBe(`${file},calls,3,call_id,duplicate key (first seen on line 2),D0,`);
    });
  });

  it('neutralises a rejected cell that a spreadsheet would run as a formula, in the rejects CSV only', async () => {
    const rejectsCsv = tmp.path('out/formula/rejects.csv');
    const file = writeLines(tmp.path('segments-formula.csv'), [
      'call_id,speaker,start_ms,end_ms',
      'C1,=HYPERLINK("x"),0,100',
      'C1,@SUM(A1),0,100',
    ]);
    await withDb(async (db) => {
      await loadFiles(db, [input('segments', file)], { maxRejectShare: 1, rejectsCsv });
      const lines = readFileSync(rejectsCsv, 'utf8').split('\n');
      expect(lines[1]).toBe(
        `${file},segments,2,speaker,"unknown value (allowed: agent, customer)","'=HYPERLINK(""x"")","{""call_id"":""C1"",""speaker"":""=HYPERLINK(\\""x\\"")"",""start_ms"":""0"",""end_ms"":""100"",""text"":null}"`,
      );
      expect(lines[2]).toBe(
        `${file},segments,3,speaker,"unknown value (allowed: agent, customer)",'@SUM(A1),"{""call_id"":""C1"",""speaker"":""@SUM(A1)"",""start_ms"":""0"",""end_ms"":""100"",""text"":null}"`,
      );
      // The table keeps the cell as the file had it.
      expect(await db.queryJs('select value from rejects order by line')).toEqual([
        { value: '=HYPERLINK("x")' },
        { value: '@SUM(A1)' },
      ]);
    });
  });

  it("sums rows, loaded and rejected over the files and writes only this load's rejects to the CSV", async () => {
    const rejectsCsv = tmp.path('out/run1/rejects.csv');
    await withDb(async (db) => {
      const summary = await loadFiles(db, [input('calls', calls), input('segments', segments)], {
        maxRejectShare: 0.9,
        rejectsCsv,
      });
      // calls 2 rows, 2 loaded; segments 3 rows, 1 loaded, 2 rejected.
      expect(summary).toMatchObject({ rows: 5, loaded: 3, rejected: 2, overLimit: [], rejectsCsv });
      expect(summary.files.map((f) => [f.table, f.status, f.rows, f.loaded, f.rejected])).toEqual([
        ['calls', 'loaded', 2, 2, 0],
        ['segments', 'loaded', 3, 1, 2],
      ]);
      expect(readFileSync(rejectsCsv, 'utf8')).toBe(
        [
          'file,table,line,column,reason,value,raw',
          `${segments},segments,3,speaker,"unknown value (allowed: agent, customer)",robot,"{""call_id"":""C1"",""speaker"":""robot"",""start_ms"":""1000"",""end_ms"":""2000"",""text"":null}"`,
          `${segments},segments,4,end_ms,end_ms is not after start_ms,2500,"{""call_id"":""C1"",""speaker"":""customer"",""start_ms"":""3000"",""end_ms"":""2500"",""text"":null}"`,
          '',
        ].join('\n'),
      );

      // A second load: both files are skipped (same sha256), nothing is rejected, no CSV.
      const again = await loadFiles(db, [input('calls', calls), input('segments', segments)], {
        maxRejectShare: 0.9,
        rejectsCsv: tmp.path('out/run2/rejects.csv'),
      });
      expect(again).toMatchObject({ rows: 0, loaded: 0, rejected: 0, overLimit: [], rejectsCsv: null });
      expect(again.files.map((f) => f.status)).toEqual(['skipped', 'skipped']);
      expect(existsSync(tmp.path('out/run2/rejects.csv'))).toBe(false);
    });
  });

  it('names the files whose reject share is above max_reject_share (strictly above)', async () => {
    const half = writeLines(tmp.path('calls-half.csv'), [
      'call_id,direction,started_at,ended_at',
      'C3,inbound,2026-11-20 09:00:00,2026-11-20 09:01:00',
      'C4,upward,2026-11-20 09:00:00,2026-11-20 09:01:00',
    ]);
    await withDb(async (db) => {
      // segments: 2/3 > 0.5; calls-half: 1/2 is not above 0.5.
      const summary = await loadFiles(db, [input('segments', segments), input('calls', half)], { maxRejectShare: 0.5 });
      expect(summary.overLimit.map((f) => f.file)).toEqual([segments]);
      expect(summary.rejectsCsv).toBeNull();
      // Over the limit or not, good rows and rejects are kept.
      expect(Number(await db.scalar('select count(*) from segments'))).toBe(1);
      expect(Number(await db.scalar('select count(*) from calls'))).toBe(1);
      expect(Number(await db.scalar('select count(*) from rejects'))).toBe(3);
    });
  });

  it('a file that cannot be applied stops the load; the files before it stay applied', async () => {
    const broken = writeLines(tmp.path('segments-nospeaker.csv'), ['call_id,start_ms,end_ms', 'C1,0,10']);
    await withDb(async (db) => {
      await expect(
        loadFiles(db, [input('calls', calls), input('segments', broken)], { maxRejectShare: 0.01 }),
      ).rejects.toThrow(FileLoadError);
      expect(await db.queryJs('select file, rows from load_log')).toEqual([{ file: calls, rows: 2n }]);
      expect(Number(await db.scalar('select count(*) from calls'))).toBe(2);
    });
  });

  it('a file that cannot be read is reported in its own turn, though it is read ahead while the one before loads', async () => {
    const missing = tmp.path('segments-missing.csv');
    await withDb(async (db) => {
      const loading = loadFiles(db, [input('calls', calls), input('segments', missing), input('segments', segments)], {
        maxRejectShare: 1,
      });
      await expect(loading).rejects.toThrow(new FileLoadError(missing, 'cannot read the file (ENOENT)'));
      // The calls file before it is applied; nothing after it is.
      expect(await db.queryJs('select file from load_log')).toEqual([{ file: calls }]);
      expect(Number(await db.scalar('select count(*) from segments'))).toBe(0);
    });
  });
});
