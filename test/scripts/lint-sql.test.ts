/**
 * scripts/lint-sql.ts: queries/ passes; a copy of it with planted files fails with the file
 * and line of each problem (the planted files are written here, their lines counted by hand).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintSql } from '../../scripts/lint-sql.ts';
import { QUERIES_DIR } from '../../src/db/sql-files.ts';

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** queries/ copied, plus the given files (path under queries/ -> text). */
function plantedCopy(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'callq-lint-sql-'));
  copies.push(dir);
  cpSync(QUERIES_DIR, dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

const HEADER = '-- planted: a report query.\n-- grain: one row per call.\n-- from: call_facts, dim_agents.\n';

describe('lint-sql', () => {
  it('passes queries/', () => {
    expect(lintSql().problems).toEqual([]);
  });

  it('fails on a one-letter alias of a table, a subquery and a table function, not of a column', () => {
    // Lines 4-7: the aliases a (line 5), t (line 6) and u (line 7); n is a column alias.
    const dir = plantedCopy({
      'reports/nightly/planted.sql': `${HEADER}select agents.name, count(*) as n
from call_facts as a
join (select agent_id, name from dim_agents) t using (agent_id)
cross join unnest([1, 2]) as u(k)
join dim_agents as agents using (agent_id)
group by all
`,
    });
    expect(lintSql(dir).problems).toEqual([
      'reports/nightly/planted.sql:5: one-letter alias a for call_facts: name the table, or alias it for what it holds',
      'reports/nightly/planted.sql:6: one-letter alias t for (subquery): name the table, or alias it for what it holds',
      'reports/nightly/planted.sql:7: one-letter alias u for unnest(...): name the table, or alias it for what it holds',
    ]);
  });

  it('fails on a syntax error, naming the line', () => {
    // The CASE opened on line 5 has no END: the parser stops at the FROM of line 6.
    const dir = plantedCopy({
      'anomalies/planted.sql': `${HEADER}select
  case when answered then 1 else 0 as answered_flag
from call_facts
where day > date '2026-11-01'
`,
    });
    const { problems } = lintSql(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^anomalies\/planted\.sql:6: does not parse \(sql-formatter, DuckDB dialect\): Parse error/,
    );
  });

  it('fails on a missing header, and on a model header without grain and from', () => {
    const dir = plantedCopy({
      'cases/planted.sql': '\nselect 1\n',
      'marts/planted.sql': '-- planted: a mart.\nselect 1\n',
    });
    expect(lintSql(dir).problems).toEqual([
      'cases/planted.sql:1: no header comment: open with what the file computes',
      'marts/planted.sql:1: the header comment says no grain: and from:',
    ]);
  });
});
