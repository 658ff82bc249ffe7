/**
 * stageSql on text cells (the path of JSON Lines, Parquet and Arrow): each cell parses
 * exactly or is a problem, never a guess; defaults fill empty cells only; row rules are
 * judged only on rows whose cells parsed; a row lists every problem it has.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { CONTRACTS, type TableName } from '../../src/ingest/contracts.ts';
import { stageSql } from '../../src/ingest/staging-sql.ts';
import { quoteIdent } from '../../src/db/sql.ts';
import { withDb } from '../util/with-db.ts';

interface StagedRow {
  [column: string]: unknown;
  _bad: boolean;
  _problems: Array<{ column: string | null; reason: string; value: string | null }> | null;
}

/** Stages text rows of `columns` for `table` (rows bound as parameters) and returns them in order. */
async function stage(
  db: Database,
  table: TableName,
  columns: string[],
  rows: Array<Array<string | null>>,
): Promise<StagedRow[]> {
  await db.exec(
    `create or replace temp table src (ordinal integer, ${columns.map((c) => `${quoteIdent(c)} varchar`).join(', ')})`,
  );
  for (const [i, row] of rows.entries()) {
    await db.exec(`insert into src values (${[i, ...row].map((_, j) => `$${j + 1}`).join(', ')})`, [i, ...row]);
  }
  const relation = `select ${columns.map(quoteIdent).join(', ')} from src order by ordinal`;
  await db.exec('drop table if exists stage');
  await db.exec(stageSql(CONTRACTS[table], relation, { present: new Set(columns) }));
  return db.queryJs<StagedRow>('select * exclude (_raw) from stage order by rowid');
}

const problems = (rows: StagedRow[]) => rows.map((r) => r._problems);

describe('stageSql on text cells', () => {
  it('whole numbers: 3 and 2.0 are whole, 1.5 / NaN / inf / 1e30 / words are not (never rounded)', async () => {
    await withDb(async (db) => {
      const cells = ['3', '2.0', ' 4 ', '1.5', 'NaN', 'inf', '1e30', 'three'];
      const rows = await stage(
        db,
        'surveys',
        ['survey_id', 'call_id', 'nps'],
        cells.map((v, i) => [`S${i}`, 'C1', v]),
      );
      expect(rows.map((r) => r.nps)).toEqual([3n, 2n, 4n, null, null, null, null, null]);
      const notWhole = (value: string) => [{ column: 'nps', reason: 'not a whole number (within ±2^53)', value }];
      expect(problems(rows)).toEqual([
        null,
        null,
        null,
        notWhole('1.5'),
        notWhole('NaN'),
        notWhole('inf'),
        notWhole('1e30'),
        notWhole('three'),
      ]);
    });
  });

  it('numbers: decimals parse, NaN and infinities are not numbers, a bad cell does not fall back to the default', async () => {
    await withDb(async (db) => {
      const cells = ['1.25', '0', '', 'NaN', 'Infinity', '-inf', '12abc'];
      const rows = await stage(
        db,
        'calls',
        ['call_id', 'direction', 'started_at', 'ended_at', 'acw_s'],
        cells.map((v, i) => [`C${i}`, 'inbound', '2026-11-20 09:00:00', '2026-11-20 09:01:00', v]),
      );
      // '' is no value: the default 0 applies. The bad cells stay null (and the row is rejected).
      expect(rows.map((r) => r.acw_s)).toEqual([1.25, 0, 0, null, null, null, null]);
      const notNumber = (value: string) => [{ column: 'acw_s', reason: 'not a number', value }];
      expect(problems(rows)).toEqual([
        null,
        null,
        null,
        notNumber('NaN'),
        notNumber('Infinity'),
        notNumber('-inf'),
        notNumber('12abc'),
      ]);
    });
  });

  it('booleans: true/t/yes/y/1 and false/f/no/n/0 in any case; anything else is a problem', async () => {
    await withDb(async (db) => {
      const cells = ['TRUE', 't', 'Yes', 'y', '1', 'false', 'F', 'NO', 'n', '0', 'on', '2'];
      const rows = await stage(
        db,
        'surveys',
        ['survey_id', 'call_id', 'resolved'],
        cells.map((v, i) => [`S${i}`, 'C1', v]),
      );
      expect(rows.map((r) => r.resolved)).toEqual([
        true,
        true,
        true,
        true,
        true,
        false,
        false,
        false,
        false,
        false,
        null,
        null,
      ]);
      expect(problems(rows).slice(10)).toEqual([
        [{ column: 'resolved', reason: 'not a boolean (true/false)', value: 'on' }],
        [{ column: 'resolved', reason: 'not a boolean (true/false)', value: '2' }],
      ]);
    });
  });

  it('enums compare case-insensitively: lead grade a is A, INBOUND is inbound; others are problems', async () => {
    await withDb(async (db) => {
      const rows = await stage(
        db,
        'calls',
        ['call_id', 'direction', 'started_at', 'ended_at', 'lead_grade'],
        [
          ['C1', 'INBOUND', '2026-11-20 09:00:00', '2026-11-20 09:01:00', 'a'],
          ['C2', 'Outbound', '2026-11-20 09:00:00', '2026-11-20 09:01:00', 'c'],
          ['C3', 'inbound', '2026-11-20 09:00:00', '2026-11-20 09:01:00', 'AA'],
        ],
      );
      expect(rows.map((r) => [r.direction, r.lead_grade])).toEqual([
        ['inbound', 'A'],
        ['outbound', 'C'],
        // Like an unreadable number, an unknown value has no typed value; the problem keeps the cell.
        ['inbound', null],
      ]);
      expect(problems(rows)).toEqual([
        null,
        null,
        [{ column: 'lead_grade', reason: 'unknown value (allowed: A, B, C)', value: 'AA' }],
      ]);
    });
  });

  it('timestamps must be ISO 8601: naive is local time, offsets honoured, lenient spellings refused', async () => {
    await withDb(async (db) => {
      const cells = [
        '2026-11-20 01:30:00', // local: 17:30Z the day before
        '2026-11-20T01:30', // to the minute
        '2026-11-20T01:30:00.250+05:30', // 20:00:00.250Z the day before
        '2026-11-20T01:30:00Z',
        '2026-11-20 01:3', // cut off: DuckDB alone would read 01:03
        '2026-11-20t01:30:00z', // ISO 8601 writes T and Z in capitals
        '2026/11/20 01:30:00',
        '2026-11-20', // a date is not a time
        'epoch',
        'infinity',
        '2026-11-20 01:30:00 Asia/Tokyo', // a zone name is not ISO 8601
      ];
      const rows = await stage(
        db,
        'surveys',
        ['survey_id', 'call_id', 'responded_at'],
        cells.map((v, i) => [`S${i}`, 'C1', v]),
      );
      expect(rows.map((r) => r.responded_at)).toEqual([
        new Date('2026-11-19T17:30:00Z'),
        new Date('2026-11-19T17:30:00Z'),
        new Date('2026-11-19T20:00:00.250Z'),
        new Date('2026-11-20T01:30:00Z'),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(problems(rows).slice(4)).toEqual(
        cells.slice(4).map((value) => [{ column: 'responded_at', reason: 'not an ISO 8601 timestamp', value }]),
      );
    }, 'Asia/Shanghai');
  });

  it('dates must be ISO 8601 days', async () => {
    await withDb(async (db) => {
      const cells = [
        '2024-03-01',
        '2024-02-29',
        '2023-02-29',
        '2024/03/01',
        '2024-03-01 09:00:00',
        '01.03.2024',
        'epoch',
      ];
      const rows = await stage(
        db,
        'agents',
        ['agent_id', 'hire_date'],
        cells.map((v, i) => [`A${i}`, v]),
      );
      expect(rows.map((r) => r.hire_date)).toEqual([
        new Date('2024-03-01T00:00:00Z'),
        new Date('2024-02-29T00:00:00Z'),
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(problems(rows).slice(2)).toEqual(
        cells.slice(2).map((value) => [{ column: 'hire_date', reason: 'not an ISO 8601 date', value }]),
      );
    });
  });

  it('text is trimmed and empty text is null; a required column that is absent is a problem on every row', async () => {
    await withDb(async (db) => {
      const rows = await stage(
        db,
        'agents',
        ['agent_id', 'name'],
        [
          [' A1 ', '  '],
          ['A2', 'Wang  Fang '],
        ],
      );
      expect(rows.map((r) => [r.agent_id, r.name])).toEqual([
        ['A1', null],
        ['A2', 'Wang  Fang'],
      ]);
      // audits without its required auditor_id column.
      const audits = await stage(
        db,
        'audits',
        ['audit_id', 'agent_id', 'audited_at', 'item_id'],
        [['AU1', 'A1', '2026-11-20 09:00:00', 'greet']],
      );
      expect(problems(audits)).toEqual([[{ column: 'auditor_id', reason: 'missing required value', value: null }]]);
    });
  });

  it('a row lists all its cell problems; row rules wait until every cell parsed', async () => {
    await withDb(async (db) => {
      const rows = await stage(
        db,
        'calls',
        ['call_id', 'direction', 'started_at', 'ended_at', 'hold_s', 'disposition'],
        [
          // Three bad cells; ended_at < started_at is not judged while a cell is bad.
          ['C1', 'sideways', '2026-11-20 09:00:00', '2026-11-20 08:00:00', 'x', 'maybe'],
          // Cells fine: both row rules that fail are listed.
          ['C2', 'inbound', '2026-11-20 09:00:00', '2026-11-20 08:00:00', '', 'sale'],
        ],
      );
      expect(problems(rows)).toEqual([
        [
          { column: 'direction', reason: 'unknown value (allowed: inbound, outbound)', value: 'sideways' },
          { column: 'hold_s', reason: 'not a number', value: 'x' },
          {
            column: 'disposition',
            reason:
              'unknown value (allowed: sale, interested, callback, not_interested, no_answer, busy, wrong_number, do_not_call, resolved, unresolved, transferred, complaint)',
            value: 'maybe',
          },
        ],
        [
          { column: 'ended_at', reason: 'ended_at is before started_at', value: '2026-11-20 08:00:00' },
          { column: 'disposition', reason: 'disposition does not belong to the call direction', value: 'sale' },
        ],
      ]);
      expect(rows.map((r) => r._bad)).toEqual([true, true]);
    });
  });
});

describe('stageSql: the bad flag and the problem list agree', () => {
  // _bad is judged by one condition per column (fast), the problems by one condition per
  // rule (for the reject rows): on any cells, a row is bad exactly when it lists a problem.
  // Rows are a valid row of the table with up to two cells replaced by edge values.
  const pool = [
    null,
    '',
    '  ',
    'x',
    '0',
    '1',
    '-1',
    '1.5',
    '5',
    '6',
    '11',
    'TRUE',
    'no',
    '2026-11-20',
    '2026-11-20 10:00:00',
    '2026-11-20 09:00',
    '2026-11-20 10:0',
    'A\u0000B',
    '2026-11-20 10:00:00+99:99',
    '2026-11-20 10:00:00+14:00',
    '2026-11-20 10:00:00-14:30',
    '10000-01-01',
    '1899-12-31 23:59:59',
  ];
  // mulberry32: a small seeded generator, so the draw is the same on every run.
  let seed = 7;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  for (const table of Object.keys(CONTRACTS) as TableName[]) {
    it(table, async () => {
      await withDb(async (db) => {
        const columns = CONTRACTS[table].columns;
        // Timestamps and numbers increase in column order (started, answered, ended; start_ms, end_ms).
        let minute = 0;
        let number = 1;
        const valid = columns.map((c): string => {
          if (table === 'calls' && c.name === 'direction') return 'outbound';
          if (c.type === 'timestamp') return `2026-11-20 10:0${minute++}:00`;
          if (c.type === 'integer' || c.type === 'number') return String(number++);
          return { text: c.values?.[0] ?? 'T1', boolean: 'true', date: '2026-11-20' }[c.type as 'text'];
        });
        const rows = Array.from({ length: 400 }, () => {
          const row: Array<string | null> = [...valid];
          for (let k = pick([0, 1, 1, 2]); k > 0; k--) {
            const i = pick(columns.map((_, j) => j));
            row[i] = pick([...pool, ...(columns[i]!.values ?? []).map((v) => ` ${v.toUpperCase()} `)]);
          }
          return row;
        });
        const staged = await stage(
          db,
          table,
          columns.map((c) => c.name),
          rows,
        );
        const disagree = staged.filter((r) => r._bad !== (r._problems !== null && r._problems.length > 0));
        expect(disagree).toEqual([]);
        // And a row kept as good breaks no cell rule, judged here in JS: a required value is
        // there, a cell with text has a typed value, numbers are in range, values allowed.
        const broken = staged.flatMap((r, i) =>
          r._bad
            ? []
            : columns.flatMap((c) => {
                const cell = rows[i]![columns.indexOf(c)]?.trim() ?? '';
                const value = r[c.name];
                const n = typeof value === 'bigint' ? Number(value) : (value as number);
                const fails =
                  (c.required && value === null) ||
                  (cell !== '' && value === null) ||
                  (c.min !== undefined && value !== null && (c.exclusiveMin ? n <= c.min : n < c.min)) ||
                  (c.max !== undefined && value !== null && n > c.max) ||
                  (c.values !== undefined &&
                    value !== null &&
                    !c.values.some((v) => (c.keepCase ? v.toUpperCase() : v.toLowerCase()) === value));
                return fails ? [`row ${i} ${c.name}=${JSON.stringify(rows[i]![columns.indexOf(c)])}`] : [];
              }),
        );
        expect(broken).toEqual([]);
        // Both kinds are drawn, so neither direction of the check is empty.
        expect(staged.filter((r) => r._bad).length).toBeGreaterThan(10);
        expect(staged.filter((r) => !r._bad).length).toBeGreaterThan(10);
      });
    });
  }
});

describe('stageSql: hostile cells', () => {
  it('rejects a NUL byte in text, an offset beyond ±14:00 and a year outside 1900–2200; keeps the limits', async () => {
    await withDb(async (db) => {
      const rows = await stage(
        db,
        'calls',
        ['call_id', 'direction', 'started_at', 'ended_at', 'queue'],
        [
          ['C\u00001', 'inbound', '2026-11-20 09:00:00', '2026-11-20 09:05:00', 'sales'],
          ['C2', 'inbound', '2026-11-20 09:00:00+99:99', '2026-11-20 09:05:00', 'sa\u0000les'],
          ['C3', 'inbound', '10000-11-20 09:00:00', '1899-12-31 23:59:59', 'sales'],
          ['C4', 'inbound', '2026-11-20 09:00:00+14:00', '2026-11-20 09:05:00-12:00', 'sales'],
          ['C5', 'inbound', '1900-01-01 00:00:00', '2200-12-31 23:59:59', 'sales'],
        ],
      );
      expect(problems(rows)).toEqual([
        [{ column: 'call_id', reason: 'contains a NUL byte', value: 'C\u00001' }],
        [
          { column: 'queue', reason: 'contains a NUL byte', value: 'sa\u0000les' },
          { column: 'started_at', reason: 'not an ISO 8601 timestamp', value: '2026-11-20 09:00:00+99:99' },
        ],
        [
          { column: 'started_at', reason: 'not an ISO 8601 timestamp', value: '10000-11-20 09:00:00' },
          { column: 'ended_at', reason: 'not an ISO 8601 timestamp', value: '1899-12-31 23:59:59' },
        ],
        null,
        null,
      ]);
    }, 'Asia/Shanghai');
  });
});

describe('stageSql on columns already in their canonical type (a source adapter)', () => {
  it('keeps typed values as they are, checks their range and rules, and shows a bad one as text', async () => {
    await withDb(async (db) => {
      await db.exec(`create temp table typed_src as select * from (values
        (0, 'C1', 'inbound', timestamptz '2026-11-20 01:00:00+00', timestamptz '2026-11-20 01:02:00+00', 5.5::double, true),
        (1, 'C2', 'inbound', timestamptz '1899-12-31 23:00:00+00', timestamptz '2026-11-20 01:02:00+00', 0::double, false),
        (2, 'C3', 'inbound', timestamptz '2026-11-20 01:00:00+00', timestamptz '2026-11-20 01:02:00+00', 'nan'::double, false),
        (3, 'C4', 'inbound', timestamptz '2026-11-20 01:05:00+00', timestamptz '2026-11-20 01:02:00+00', 1::double, false)
      ) t(ordinal, call_id, direction, started_at, ended_at, acw_s, transferred)`);
      const columns = ['call_id', 'direction', 'started_at', 'ended_at', 'acw_s', 'transferred'];
      await db.exec(
        stageSql(CONTRACTS.calls, `select ${columns.join(', ')} from typed_src order by ordinal`, {
          present: new Set(columns),
          canonicalTyped: new Set(['started_at', 'ended_at', 'acw_s', 'transferred']),
        }),
      );
      const rows = await db.queryJs<StagedRow>(
        'select call_id, started_at, acw_s, transferred, _bad, _problems from stage order by rowid',
      );
      expect(rows.map((r) => [r.call_id, r.acw_s, r.transferred, r._bad])).toEqual([
        ['C1', 5.5, true, false],
        ['C2', 0, false, true],
        ['C3', null, false, true],
        ['C4', 1, false, true],
      ]);
      expect(new Date(String(rows[0]!.started_at)).toISOString()).toBe('2026-11-20T01:00:00.000Z');
      // The year 1899 is out of the range text cells may have; NaN is no number; the end
      // before the start breaks a row rule. Each value is shown as text.
      expect(rows[1]!._problems).toEqual([
        { column: 'started_at', reason: 'not an ISO 8601 timestamp', value: '1899-12-31 23:00:00+00' },
      ]);
      expect(rows[2]!._problems).toEqual([{ column: 'acw_s', reason: 'not a number', value: 'nan' }]);
      expect(rows[3]!._problems?.map((p) => p.column)).toEqual(['ended_at']);
    });
  });
});
