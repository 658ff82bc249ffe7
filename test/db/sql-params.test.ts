/** The one binder of named parameters ($name) and the session variables the models read. */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUERIES_DIR, sqlFilesUnder } from '../../src/db/sql-files.ts';
import { bindNamed, parameterNames, setVariable } from '../../src/db/sql-params.ts';
import { parameterNames as parsedParameterNames, parseSql } from '../../scripts/sql-tree.ts';

describe('parameterNames', () => {
  it.each([
    ['in order of first use, each once', 'select $to, $from, $to', ['to', 'from']],
    ['upper case and digits', 'select $Window_days2', ['Window_days2']],
    ['not in a line comment', 'select $a -- and $b\n, $c', ['a', 'c']],
    ['not in a block comment', 'select /* $b\n $c */ $a', ['a']],
    ['not in a string literal', "select '$b', 'it''s $c', $a", ['a']],
    ['not in an E string with an escaped quote', "select E'\\'$b', $a", ['a']],
    ['not in a quoted name', 'select 1 as "$b", "say ""$c""", $a', ['a']],
    ['not a positional parameter or a name part', 'select $1, x$b, $a', ['a']],
    ['a comment marker inside a literal does not hide what follows', "select '--', $a", ['a']],
    ['none', 'select 1', []],
  ])('%s', (_what, sql, names) => {
    expect(parameterNames(sql)).toEqual(names);
  });

  // The runtime scanner cannot use the checks' SQL parser (a devDependency); over the real
  // queries the two must find the same names, or one of them misreads a comment or a string.
  it('finds what the SQL parser finds in every file of queries/', () => {
    const files = sqlFilesUnder(QUERIES_DIR);
    const scanned = files.map((f) => [f, parameterNames(readFileSync(join(QUERIES_DIR, f), 'utf8'))]);
    const parsed = files.map((f) => [f, parsedParameterNames(parseSql(readFileSync(join(QUERIES_DIR, f), 'utf8')))]);
    expect(scanned).toEqual(parsed);
    expect(scanned.filter(([, names]) => names!.length > 0).length).toBeGreaterThan(20);
  });
});

describe('bindNamed', () => {
  const values = { day: '2026-11-21', min_calls: 5, all_days: false, centre_numbers: ['4008', "0'1"], unused: 1 };

  it('binds only the names the SQL uses, lists as JSON text', () => {
    const sql =
      "-- $unused in prose\nselect $day, $min_calls, $all_days, cast(json($centre_numbers) as varchar[]), '$unused'";
    expect(bindNamed(sql, values, 'q.sql')).toEqual({
      day: '2026-11-21',
      min_calls: 5,
      all_days: false,
      centre_numbers: '["4008","0\'1"]',
    });
  });

  it('refuses a name without a value, naming the file and the names it may use', () => {
    expect(() => bindNamed('select $day, $nope', values, 'rule x.sql')).toThrow(
      'rule x.sql uses $nope, which has no value (it may use $day, $min_calls, $all_days, $centre_numbers, $unused)',
    );
    // Names of Object.prototype are no values either.
    expect(() => bindNamed('select $constructor', values, 'q.sql')).toThrow('q.sql uses $constructor');
  });

  it('gives DuckDB exactly what it needs to run the statement', async () => {
    const db = await Database.open();
    try {
      const sql = 'select $min_calls + 1 as n, cast(json($centre_numbers) as varchar[]) as numbers';
      const rows = await db.query(sql, bindNamed(sql, values, 'q.sql'));
      expect(rows).toEqual([{ n: 6, numbers: ['4008', "0'1"] }]);
    } finally {
      db.close();
    }
  });
});

describe('setVariable', () => {
  it('sets values, lists and null as getvariable reads them', async () => {
    const db = await Database.open();
    try {
      await setVariable(db, { name: 'marts_from', value: '2026-11-01', type: 'date' });
      await setVariable(db, { name: 'short_abandon_s', value: 5, type: 'double' });
      await setVariable(db, { name: 'touched_loads', value: [3, 1], type: 'integer' });
      await setVariable(db, { name: 'no_loads', value: [], type: 'integer' });
      await setVariable(db, { name: 'quoted', value: "it's", type: 'varchar' });
      await setVariable(db, { name: 'nothing', value: null, type: 'double' });
      const rows = await db.query(
        `select getvariable('marts_from') + 1 as next_day, typeof(getvariable('short_abandon_s')) as t,
           getvariable('touched_loads') as loads, typeof(getvariable('no_loads')) as empty_type,
           getvariable('quoted') as quoted, getvariable('nothing') as nothing`,
      );
      expect(rows).toEqual([
        { next_day: '2026-11-02', t: 'DOUBLE', loads: [3, 1], empty_type: 'INTEGER[]', quoted: "it's", nothing: null },
      ]);
    } finally {
      db.close();
    }
  });
});
