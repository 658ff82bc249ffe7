/**
 * The readers: CSV dialects (delimiter from the header line, TSV, BOM, CRLF), JSON Lines,
 * Parquet and Arrow IPC (file and stream). Every format must give the same canonical rows
 * as the CSV, and a rejected record's line is its 1-based record number outside CSV.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES, type TableName } from '../../src/ingest/contracts.ts';
import { detectDelimiter, listBlankLines } from '../../src/ingest/read-source.ts';
import { sqlString } from '../../src/db/sql.ts';
import { withDb } from '../util/with-db.ts';
import { arrowTableFromCsv, writeArrow } from './arrow-fixtures.ts';
import { load, rejectsOf, rowsOf, tempDir, utc, writeLines } from './ingest-fixtures.ts';

const TZ = 'Asia/Shanghai';
const CENTRE = join(import.meta.dirname, '../fixtures/ingest/centre');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A stable order for each table's rows (keys, then segment offsets). */
const ORDER: Record<TableName, string> = {
  agents: 'agent_id',
  calls: 'call_id',
  segments: 'call_id, start_ms, speaker',
  surveys: 'survey_id',
  audit_items: 'form_id, item_id',
  audits: 'audit_id, item_id',
  complaints: 'complaint_id',
  shifts: 'agent_id, start_at',
};

describe('detectDelimiter', () => {
  it('takes the candidate that splits the header line most, outside quotes', () => {
    expect(detectDelimiter('call_id,direction,started_at')).toBe(',');
    expect(detectDelimiter('call_id;direction;started_at')).toBe(';');
    expect(detectDelimiter('call_id\tdirection\tstarted_at')).toBe('\t');
    expect(detectDelimiter('call_id|direction|started_at')).toBe('|');
    // Two commas inside quotes, two semicolons outside: semicolon.
    expect(detectDelimiter('"a,b,c";direction;started_at')).toBe(';');
    expect(detectDelimiter('call_id')).toBe(',');
  });
});

describe('CSV dialects', () => {
  const expected = [
    {
      call_id: 'C1',
      direction: 'inbound',
      started_at: utc('2026-11-20T01:00:00Z'),
      ended_at: utc('2026-11-20T01:01:00Z'),
    },
    {
      call_id: 'C2',
      direction: 'outbound',
      started_at: utc('2026-11-20T02:00:00Z'),
      ended_at: utc('2026-11-20T02:00:30Z'),
    },
  ];
  const body = [
    'C1?inbound?2026-11-20 09:00:00?2026-11-20 09:01:00',
    'C2?outbound?2026-11-20 10:00:00?2026-11-20 10:00:30',
  ];
  const header = 'call_id?direction?started_at?ended_at';

  for (const [name, delimiter] of [
    ['semicolon', ';'],
    ['pipe', '|'],
    ['tab in a .csv', '\t'],
  ] as const) {
    it(`reads a ${name}-separated file`, async () => {
      const file = writeLines(
        tmp.path(`calls-${name.replaceAll(' ', '-')}.csv`),
        [header, ...body].map((l) => l.replaceAll('?', delimiter)),
      );
      await withDb(async (db) => {
        expect(await load(db, file)).toMatchObject({ rows: 2, loaded: 2, rejected: 0, unknownColumns: [] });
        expect(await db.queryJs('select call_id, direction, started_at, ended_at from calls order by call_id')).toEqual(
          expected,
        );
      }, TZ);
    });
  }

  it('reads a gzip-compressed semicolon file (the delimiter is taken from the inflated header)', async () => {
    const file = tmp.path('calls-semicolon.csv.gz');
    writeFileSync(file, gzipSync(`${[header, ...body].map((l) => l.replaceAll('?', ';')).join('\n')}\n`));
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ rows: 2, loaded: 2, rejected: 0, unknownColumns: [] });
      expect(await db.queryJs('select call_id, direction, started_at, ended_at from calls order by call_id')).toEqual(
        expected,
      );
    }, TZ);
  });

  it('reads a .tsv file, a UTF-8 BOM and CRLF line ends', async () => {
    const file = tmp.path('calls-bom.tsv');
    writeFileSync(file, `\uFEFF${[header, ...body].map((l) => l.replaceAll('?', '\t')).join('\r\n')}\r\n`);
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ rows: 2, loaded: 2, rejected: 0, unknownColumns: [] });
      expect(await db.queryJs('select call_id, direction, started_at, ended_at from calls order by call_id')).toEqual(
        expected,
      );
    }, TZ);
  });
});

describe('JSON Lines', () => {
  it('reads one object a line; blank lines carry no record; bad lines are rejects at their own line', async () => {
    const file = writeLines(tmp.path('surveys.jsonl'), [
      '{"survey_id":"S1","call_id":"C1","csat":5,"nps":10,"resolved":true,"responded_at":"2026-11-20T10:00:00+08:00"}', // 1
      '', // 2 blank
      '{"survey_id":"S2","call_id":"C1","csat":1.5}', // 3
      'not json', // 4
      '{"survey_id":"S3","call_id":"C1","nps":"NaN"}', // 5
      '[1,2]', // 6 valid JSON, not an object
      '{"survey_id":"S4","call_id":"C2","csat":"4","resolved":"no","comment":"<script>x</script>","mood":{"a":1}}', // 7
    ]);
    await withDb(async (db) => {
      // Six records (the blank line is none): S1 and S4 kept.
      expect(await load(db, file)).toMatchObject({ rows: 6, loaded: 2, rejected: 4, unknownColumns: ['mood'] });
      expect(await rejectsOf(db)).toEqual([
        { file, table: 'surveys', line: 3n, column: 'csat', reason: 'not a whole number (within ±2^53)', value: '1.5' },
        { file, table: 'surveys', line: 4n, column: null, reason: 'not a JSON object', value: null },
        { file, table: 'surveys', line: 5n, column: 'nps', reason: 'not a whole number (within ±2^53)', value: 'NaN' },
        { file, table: 'surveys', line: 6n, column: null, reason: 'not a JSON object', value: null },
      ]);
      expect(await db.queryJs('select line, raw from rejects where line in (4, 6) order by line')).toEqual([
        { line: 4n, raw: 'not json' },
        { line: 6n, raw: '[1,2]' },
      ]);
      expect(await db.queryJs('select * exclude (load_id) from surveys order by survey_id')).toEqual([
        {
          survey_id: 'S1',
          call_id: 'C1',
          responded_at: utc('2026-11-20T02:00:00Z'),
          csat: 5n,
          nps: 10n,
          resolved: true,
          respondent_number: null,
          comment: null,
          source_line: 1n,
        },
        {
          survey_id: 'S4',
          call_id: 'C2',
          responded_at: null,
          csat: 4n,
          nps: null,
          resolved: false,
          respondent_number: null,
          comment: '<script>x</script>',
          source_line: 7n,
        },
      ]);
    }, TZ);
  });
});

describe("CSV (cells parsed by DuckDB's reader) and JSON Lines (cells as text) agree cell by cell", () => {
  it('padded cells, case, booleans, numbers in other spellings, and the rejects they give', async () => {
    const header = ['call_id', 'direction', 'started_at', 'ended_at', 'hold_s', 'transferred', 'lead_grade'];
    const rows = [
      ['C1', ' Inbound ', ' 2026-11-20 09:00:00 ', '2026-11-20T09:01:00+08:00', ' 5 ', ' yes ', ' b '],
      ['C2', 'outbound', '2026-11-20 09:00:00', '2026-11-20 09:01:00', '+4', 'N', ''],
      ['C3', 'outbound', '2026-11-20 09:00:00', '2026-11-20 09:01:00', '1e1', '0', 'a'],
      ['C4', 'outbound', '2026-11-20 09:00:00', '2026-11-20 09:01:00', '-1', 'maybe', 'A'],
    ];
    const csv = writeLines(tmp.path('calls-cells.csv'), [header.join(','), ...rows.map((r) => r.join(','))]);
    const jsonl = writeLines(
      tmp.path('calls-cells.jsonl'),
      rows.map((r) => JSON.stringify(Object.fromEntries(header.map((h, i) => [h, r[i]])))),
    );
    const loadOne = (file: string) =>
      withDb(async (db) => {
        await load(db, file);
        return {
          rows: await rowsOf(db, 'calls', 'call_id'),
          rejects: (await rejectsOf(db)).map(({ line, column, reason }) => ({ line, column, reason })),
        };
      }, TZ);
    const fromCsv = await loadOne(csv);
    const fromJsonl = await loadOne(jsonl);
    // C4: hold_s -1 is out of range and 'maybe' no boolean; CSV lines count the header.
    expect(fromCsv.rejects).toEqual([
      { line: 5n, column: 'hold_s', reason: 'out of range (must be at least 0)' },
      { line: 5n, column: 'transferred', reason: 'not a boolean (true/false)' },
    ]);
    expect(fromJsonl.rejects).toEqual(fromCsv.rejects.map((r) => ({ ...r, line: r.line! - 1n })));
    expect(
      fromCsv.rows.map((r) => [
        r.call_id,
        r.direction,
        r.started_at,
        r.ended_at,
        r.hold_s,
        r.transferred,
        r.lead_grade,
      ]),
    ).toEqual([
      ['C1', 'inbound', utc('2026-11-20T01:00:00Z'), utc('2026-11-20T01:01:00Z'), 5, true, 'B'],
      ['C2', 'outbound', utc('2026-11-20T01:00:00Z'), utc('2026-11-20T01:01:00Z'), 4, false, null],
      ['C3', 'outbound', utc('2026-11-20T01:00:00Z'), utc('2026-11-20T01:01:00Z'), 10, false, 'A'],
    ]);
    expect(fromJsonl.rows).toEqual(fromCsv.rows);
  });
});

describe('Parquet and Arrow IPC loads equal the CSV load', () => {
  /** Every table of the centre fixture, loaded from `pathOf(table)`, as rows without provenance. */
  async function loadCentre(pathOf: (table: TableName) => Promise<string> | string): Promise<Record<string, unknown>> {
    return withDb(async (db) => {
      const tables: Record<string, unknown> = {};
      for (const table of TABLE_NAMES) {
        const result = await load(db, await pathOf(table), {}, table);
        expect(result, table).toMatchObject({ status: 'loaded', rejected: 0 });
        tables[table] = await rowsOf(db, table, ORDER[table]);
      }
      return tables;
    }, TZ);
  }
  const csv = (table: TableName) => join(CENTRE, `${table}.csv`);

  it('Parquet written by DuckDB from the CSV (typed columns: dates, naive and zoned timestamps, ints, doubles, booleans)', async () => {
    const fromCsv = await loadCentre(csv);
    const fromParquet = await loadCentre((table) =>
      withDb(async (db) => {
        const out = tmp.path(`${table}.parquet`);
        await db.exec(`copy (select * from read_csv(${sqlString(csv(table))})) to ${sqlString(out)} (format parquet)`);
        return out;
      }, TZ),
    );
    expect(fromParquet).toEqual(fromCsv);
    // Not a vacuous equality: the centre has rows in every table.
    for (const table of TABLE_NAMES) expect((fromCsv[table] as unknown[]).length, table).toBeGreaterThan(0);
  });

  for (const format of ['file', 'stream'] as const) {
    it(`Arrow IPC ${format} written by apache-arrow`, async () => {
      const fromCsv = await loadCentre(csv);
      const fromArrow = await loadCentre((table) =>
        withDb(
          async (db) =>
            writeArrow(tmp.path(`${table}-${format}.arrow`), await arrowTableFromCsv(db, csv(table)), format),
          TZ,
        ),
      );
      expect(fromArrow).toEqual(fromCsv);
    });
  }

  it('a rejected Parquet or Arrow record is reported at its 1-based record number', async () => {
    const source = writeLines(tmp.path('segments-bad-source.csv'), [
      'call_id,speaker,start_ms,end_ms',
      'C1,agent,0,100',
      'C1,agent,300,200',
      'C1,customer,100,400',
    ]);
    await withDb(async (db) => {
      const parquet = tmp.path('segments-bad.parquet');
      await db.exec(`copy (select * from read_csv(${sqlString(source)})) to ${sqlString(parquet)} (format parquet)`);
      const arrow = writeArrow(tmp.path('segments-bad.arrow'), await arrowTableFromCsv(db, source), 'file');
      for (const file of [parquet, arrow]) {
        expect(await load(db, file)).toMatchObject({ rows: 3, loaded: 2, rejected: 1 });
        expect((await rejectsOf(db)).filter((r) => r.file === file)).toEqual([
          { file, table: 'segments', line: 2n, column: 'end_ms', reason: 'end_ms is not after start_ms', value: '200' },
        ]);
        expect(
          await db.queryJs(
            'select source_line from segments where load_id = (select max(load_id) from load_log) order by source_line',
          ),
        ).toEqual([{ source_line: 1n }, { source_line: 3n }]);
      }
    });
  });
});

describe('listBlankLines', () => {
  const blank = (path: string, quoted: boolean) =>
    withDb(async (db) => {
      const table = await listBlankLines(db, path, true, quoted);
      return (await db.queryJs<{ line: bigint }>(`select line from ${table} order by line`)).map((r) => Number(r.line));
    });

  it('finds empty lines (CRLF too) across the 1 MiB chunks the file is read in, with or without quoting', async () => {
    // Line 1 fills the first chunk but its last byte, a CR that with the LF opening the
    // second chunk makes line 2 an empty CRLF line; line 4 is empty too; line 5 has no break.
    const path = join(tmp.dir, 'seam.log');
    writeFileSync(path, `${'x'.repeat(2 ** 20 - 2)}\n\r\ny\n\nz`);
    expect(await blank(path, false)).toEqual([2, 4]);
    expect(await blank(path, true)).toEqual([2, 4]);
    // Line 1 fills the first chunk whole; the LF that ends it opens the second.
    const full = join(tmp.dir, 'full.log');
    writeFileSync(full, `${'x'.repeat(2 ** 20)}\n\nq`);
    expect(await blank(full, false)).toEqual([2]);
    expect(await blank(full, true)).toEqual([2]);
  });

  it('counts a line break inside quotes as part of its line only where the file quotes', async () => {
    // Unquoted: five lines, 2 and 4 empty. Quoted: `a"b`, the empty line and `"c` are one
    // record (line 1), so the next empty line is line 2.
    const path = join(tmp.dir, 'quote.log');
    writeFileSync(path, 'a"b\n\n"c\n\nd\n');
    expect(await blank(path, false)).toEqual([2, 4]);
    expect(await blank(path, true)).toEqual([2]);
  });

  it('keeps a quoted field open across a chunk seam', async () => {
    // Line 1 opens a quote near the end of the first 1 MiB chunk; its empty line and the LF
    // opening the second chunk are inside it. The quote closes on `"z`: line 2 is empty.
    const path = join(tmp.dir, 'quote-seam.log');
    writeFileSync(path, `${'x'.repeat(2 ** 20 - 4)}"\n\n\n"z\n\nw\n`);
    expect(await blank(path, true)).toEqual([2]);
    // Unquoted, lines 2, 3 and 5 are empty.
    expect(await blank(path, false)).toEqual([2, 3, 5]);
  });

  it('agrees with a byte-by-byte count on text of quotes, line breaks and CRs over several chunks', async () => {
    // The reference walks every byte, as the definition reads: a quote toggles quoting (where
    // the file quotes), a LF outside quotes ends a line, which is empty when it held nothing
    // but CRs.
    const reference = (bytes: Buffer, quoted: boolean) => {
      const empty: number[] = [];
      let [line, content, inQuotes] = [1, false, false];
      for (const c of bytes) {
        if (quoted && c === 0x22) inQuotes = !inQuotes;
        if (inQuotes) continue;
        if (c === 0x0a) {
          if (!content) empty.push(line);
          line++;
          content = false;
        } else if (c !== 0x0d) content = true;
      }
      return empty;
    };
    // Seeded (a linear congruential generator): runs of `a`, quotes, LFs and CRs, 3 MiB.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const parts: string[] = [];
    for (let size = 0; size < 3 * 2 ** 20; ) {
      const r = next();
      const part = r < 0.5 ? 'a'.repeat(1 + Math.floor(next() * 40)) : r < 0.6 ? '"' : r < 0.9 ? '\n' : '\r';
      parts.push(part);
      size += part.length;
    }
    const text = Buffer.from(parts.join(''));
    const path = join(tmp.dir, 'random.log');
    writeFileSync(path, text);
    for (const quoted of [false, true]) {
      const want = reference(text, quoted);
      expect(want.length).toBeGreaterThan(1000);
      expect(await blank(path, quoted)).toEqual(want);
    }
  });
});
