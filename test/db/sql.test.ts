/**
 * The SQL toolkit: quoting and the `sql` template. Expected texts are written by hand from
 * SQL's rules (a quote inside a quoted name or text is doubled, nothing else changes);
 * the round trips check that DuckDB reads them back as the original.
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ident, join, literal, quoteIdent, sql, sqlString, trusted } from '../../src/db/sql.ts';

const HOSTILE = [
  ['plain', 'agent_daily', '"agent_daily"', "'agent_daily'"],
  ['a double quote', 'a"b', '"a""b"', "'a\"b'"],
  ['a single quote', "o'brien", `"o'brien"`, "'o''brien'"],
  ['an injection attempt', `x"; drop table calls; --`, `"x""; drop table calls; --"`, `'x"; drop table calls; --'`],
  ['a closing literal', "'); drop table calls; --", `"'); drop table calls; --"`, "'''); drop table calls; --'"],
  ['a dollar name and a backslash', '$day\\', '"$day\\"', "'$day\\'"],
  ['Chinese and a newline', '客服\n二组', '"客服\n二组"', "'客服\n二组'"],
  ['empty', '', '""', "''"],
] as const;

describe('quoteIdent and sqlString', () => {
  it.each(HOSTILE)('quote %s', (_what, text, asIdent, asString) => {
    expect(quoteIdent(text)).toBe(asIdent);
    expect(sqlString(text)).toBe(asString);
  });

  it('are read back by DuckDB as the original text, as a column name and as a value', async () => {
    const db = await Database.open();
    try {
      // The empty name is no identifier DuckDB takes; every other one must come back whole.
      for (const [, text] of HOSTILE.filter(([, t]) => t !== '')) {
        const rows = await db.queryWithColumns(`select ${sqlString(text)} as ${quoteIdent(text)}`);
        expect(rows.columns).toEqual([text]);
        expect(rows.rows).toEqual([{ [text]: text }]);
      }
    } finally {
      db.close();
    }
  });
});

describe('sql template', () => {
  it('binds values as $1, $2 ... in order and quotes only what is wrapped', () => {
    const query = sql`select ${ident('team"name')} from ${ident('agent_daily')} where day = ${'2026-11-21'} and calls > ${5}`;
    expect(query.text).toBe('select "team""name" from "agent_daily" where day = $1 and calls > $2');
    expect(query.params).toEqual(['2026-11-21', 5]);
  });

  it('keeps a hostile value out of the text', () => {
    const query = sql`select * from calls where call_id = ${"1'; drop table calls; --"}`;
    expect(query.text).toBe('select * from calls where call_id = $1');
    expect(query.params).toEqual(["1'; drop table calls; --"]);
  });

  it('renumbers the parameters of nested templates and joined parts', () => {
    const filters = join([sql`a = ${1}`, sql`b = ${2}`, sql`c = ${ident('c')}`], ' and ');
    const query = sql`select ${0} where ${filters} or d = ${3}`;
    expect(query.text).toBe('select $1 where a = $2 and b = $3 and c = "c" or d = $4');
    expect(query.params).toEqual([0, 1, 2, 3]);
    expect(join([]).text).toBe('');
  });

  it('pastes literal and trusted parts as written', () => {
    const query = sql`copy t to ${literal("out/it's.csv")} (${trusted('format csv')}) -- ${literal(2.5)} ${literal(true)} ${literal(null)}`;
    expect(query.text).toBe("copy t to 'out/it''s.csv' (format csv) -- 2.5 true null");
    expect(query.params).toEqual([]);
    expect(() => literal(Number.NaN)).toThrow('not a finite number: NaN');
  });

  it('runs through Database with its parameters bound', async () => {
    const db = await Database.open();
    try {
      const name = `it's "quoted"`;
      // 2 + 3 * 4 = 14; the text comes back as bound, quotes and all.
      const rows = await db.query(sql`select ${2} + ${sql`${3} * ${4}`} as n, ${name} as ${ident(name)}`);
      expect(rows).toEqual([{ n: 14, [name]: name }]);
    } finally {
      db.close();
    }
  });
});
