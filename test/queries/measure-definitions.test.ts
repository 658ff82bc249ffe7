/**
 * One definition per measure: a column named after a measure of src/metrics/measures.ts is
 * computed only in the measure's own file (`definedIn`, or `rowsIn` for the per-row value of
 * the same name). Anywhere else under queries/ it may only be read (a column passed on,
 * possibly renamed or cast), counted or summed (a tally of rows at the query's grain), or,
 * for a measure whose formula is a macro, computed by calling that macro. Checked on the
 * real folder, and on copies with a planted restatement, which must fail.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identifierNames, macroNames, parseSql } from '../../scripts/sql-tree.ts';
import { QUERIES_DIR } from '../../src/db/sql-files.ts';
import { MEASURES, type Measure } from '../../src/metrics/measures.ts';
import { KNOWN_RESTATEMENTS, restatements } from './measure-rules.ts';

describe('one definition per measure', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  /** queries/ copied, with `sql` appended to `file`. */
  function plant(file: string, sql: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'callq-measures-'));
    copies.push(dir);
    cpSync(QUERIES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}\n-- planted\n${sql}\n`);
    return dir;
  }

  it('every measure names a file that exists, and a macro that file creates', () => {
    for (const { name, definedIn, macro, rowsIn } of MEASURES) {
      for (const file of [definedIn, rowsIn].filter((f) => f !== undefined)) {
        expect(statSync(join(QUERIES_DIR, file)).isFile(), `${name}: ${file}`).toBe(true);
      }
      if (macro !== undefined) {
        expect(readFileSync(join(QUERIES_DIR, definedIn), 'utf8'), `${name}: ${macro}`).toMatch(
          new RegExp(String.raw`create or replace temp macro ${macro}\(`),
        );
      }
    }
  });

  it('every measure is computed in its own file only', () => {
    expect(restatements(QUERIES_DIR)).toEqual([]);
  });

  it("every measure's file selects a column of that name, or holds its macro", () => {
    const makes = (m: Measure) => {
      const file = parseSql(readFileSync(join(QUERIES_DIR, m.definedIn), 'utf8'));
      return m.macro !== undefined ? macroNames(file).has(m.macro) : identifierNames(file).has(m.name);
    };
    expect(MEASURES.filter((m) => !makes(m)).map((m) => `${m.name}: ${m.definedIn}`)).toEqual([]);
  });

  it("docs/metrics.md's index of measures names the same file for every measure", () => {
    const page = readFileSync(join(QUERIES_DIR, '..', 'docs/metrics.md'), 'utf8');
    const index = page.slice(page.indexOf('## Index of measures'));
    const rows = new Map<string, string>();
    for (const line of index.split('\n')) {
      const cells = line.split(' | ');
      for (const [, name] of (cells[0] ?? '').matchAll(/`([a-z0-9_]+)`/g)) rows.set(name ?? '', cells[2] ?? '');
    }
    const where = (m: Measure) =>
      `${m.macro ? `macro \`${m.macro}\` in ` : ''}\`queries/${m.definedIn}\`${m.rowsIn ? `; per row: \`queries/${m.rowsIn}\`` : ''} |`;
    expect(MEASURES.filter((m) => rows.get(m.name) !== where(m)).map((m) => `${m.name}: ${rows.get(m.name)}`)).toEqual(
      [],
    );
  });

  it('fails on a planted restatement: a report writing out the talk ratio and the Wilson interval', () => {
    const dir = plant(
      'reports/nightly/team_day.sql',
      `;select sum(agent_talk_ms) / sum(agent_talk_ms + customer_talk_ms) as talk_ratio,
        (sales + 1.92) / (n + 3.84) as conversion_lo,
        wilson_hi(sales, n) as conversion_hi, talk_ratio(a, c) as talk_ratio, count(*) as sales
      from call_facts`,
    );
    const found = restatements(dir).map((p) => p.replace(/:\d+:/, ':'));
    expect(found).toEqual([
      'reports/nightly/team_day.sql: talk_ratio = sum(agent_talk_ms) / sum(agent_talk_ms + customer_talk_ms)',
      'reports/nightly/team_day.sql: conversion_lo = (sales + 1.92) / (n + 3.84)',
    ]);
  });

  it('fails on a planted restatement in a model, and on a pinned restatement that is gone', () => {
    const dir = plant(
      'marts/agent_window.sql',
      ';select safe_ratio(sales, answered_outbound) as conversion_rate from x',
    );
    const problems = restatements(dir, MEASURES, { ...KNOWN_RESTATEMENTS, 'marts/team_daily.sql': ['nps'] });
    expect(problems.map((p) => p.replace(/:\d+:/, ':'))).toEqual([
      'marts/agent_window.sql: conversion_rate = safe_ratio(sales, answered_outbound)',
      'marts/team_daily.sql: nps is pinned in KNOWN_RESTATEMENTS but no longer computed: drop it',
    ]);
  });
});
