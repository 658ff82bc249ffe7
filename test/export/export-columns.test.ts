/** Export types per DuckDB type, and the export query's text, written out by hand. */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { exportColumns, exportQuery, exportType } from '../../src/export/export-columns.ts';

describe('exportType', () => {
  it.each([
    ['VARCHAR', 'varchar'],
    ["ENUM('inbound', 'outbound')", 'varchar'],
    ['JSON', 'varchar'],
    ['UUID', 'varchar'],
    ['VARCHAR[]', 'varchar[]'],
    ['INTEGER[]', 'varchar[]'],
    ['BOOLEAN', 'boolean'],
    ['TINYINT', 'integer'],
    ['SMALLINT', 'integer'],
    ['INTEGER', 'integer'],
    ['UTINYINT', 'integer'],
    ['USMALLINT', 'integer'],
    ['BIGINT', 'bigint'],
    ['HUGEINT', 'bigint'],
    ['UINTEGER', 'bigint'],
    ['UBIGINT', 'bigint'],
    ['FLOAT', 'double'],
    ['DOUBLE', 'double'],
    ['DECIMAL(38,18)', 'double'],
    ['DATE', 'date'],
    ['TIMESTAMP', 'timestamp'],
    ['TIMESTAMP_NS', 'timestamp'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamptz'],
    ['bigint', 'bigint'],
  ])('%s → %s', (duckdbType, expected) => {
    expect(exportType(duckdbType)).toBe(expected);
  });
});

describe('exportQuery', () => {
  const columns = [
    { name: 'a"b', type: 'varchar' },
    { name: 'n', type: 'bigint' },
  ] as const;

  it('casts each column to its export type, names quoted', () => {
    expect(exportQuery('t"x', columns).text).toBe('select "a""b"::varchar as "a""b", "n"::bigint as "n" from "t""x"');
  });

  it('with spreadsheetSafe, guards text cells only', () => {
    const cell = `"a""b"::varchar`;
    expect(exportQuery('t"x', columns, true).text).toBe(
      `select case when regexp_matches(${cell}, '^[=+\\-@\\t\\r]') then '''' || ${cell} else ${cell} end as "a""b", "n"::bigint as "n" from "t""x"`,
    );
  });

  it('reads a table with a hostile name and columns as the types say', async () => {
    const db = await Database.open();
    try {
      await db.exec(`create table "t""x" ("a""b" varchar, n hugeint, d decimal(9, 2))`);
      await db.exec(`insert into "t""x" values ('=1+1', 12, 2.5), ('ok', null, null)`);
      const found = await exportColumns(db, 't"x');
      expect(found).toEqual([
        { name: 'a"b', type: 'varchar' },
        { name: 'n', type: 'bigint' },
        { name: 'd', type: 'double' },
      ]);
      // '=1+1' would run as a formula: it gets the apostrophe; 'ok' does not.
      expect(await db.queryJs(exportQuery('t"x', found, true))).toEqual([
        { 'a"b': "'=1+1", n: 12n, d: 2.5 },
        { 'a"b': 'ok', n: null, d: null },
      ]);
    } finally {
      db.close();
    }
  });
});
