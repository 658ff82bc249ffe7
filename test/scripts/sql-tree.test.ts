/**
 * scripts/sql-tree.ts: each question asked of small SQL written here, the answers read off the
 * SQL by hand (lines counted from 1 at the template's first line).
 */
import { describe, expect, it } from 'vitest';
import {
  cteNames,
  identifierNames,
  macroNames,
  parseSql,
  relationsRead,
  selectItems,
  tableAliases,
} from '../../scripts/sql-tree.ts';

const sorted = (names: Set<string>) => [...names].sort();

describe('sql-tree', () => {
  it.each([
    [
      'from and join targets, less CTEs, table functions, extract, a string and $from',
      `-- from calls (a comment)
      with recent as (select * from stg_calls where day >= cast($from as date)),
      picked (call_id) as (select call_id from recent)
      select extract(hour from started_at), 'from agents', x is distinct from y
      from recent r join picked p using (call_id)
      left join main.call_facts f on f.call_id = r.call_id
      cross join unnest([1, 2]) as u(n), read_csv('x.csv')
      join "dim_agents" d on true`,
      ['call_facts', 'dim_agents', 'stg_calls'],
    ],
    [
      'the list goes on after with ordinality',
      'select 1 from agents, unnest(skills) with ordinality as skill(name, rank) join teams using (team)',
      ['agents', 'teams'],
    ],
    [
      'substring, trim and is not distinct from; a FROM-first subquery',
      `select substring(x from 2), trim(both 'x' from y), a is not distinct from b
      from (from stg_calls select 1) as firsts`,
      ['stg_calls'],
    ],
    [
      'between, case and limit <offset>, <count>: parts the tree keeps out of the text order',
      'select case when a then 1 end from calls where day between 1 and 2 limit 5, 10',
      ['calls'],
    ],
    [
      'the target of a delete, and a subquery in its where',
      'delete from calls where call_id in (select call_id from stg_calls)',
      ['calls', 'stg_calls'],
    ],
    [
      'a quoted, schema-qualified name; a macro called as a table',
      'select * from "Main"."Calls" join agent_label(1) using (k)',
      ['calls'],
    ],
  ])('relationsRead: %s', (_, sql, expected) => {
    expect(sorted(relationsRead(parseSql(sql)))).toEqual(expected);
  });

  it.each([
    [
      'with a column list, materialized, recursive',
      'with recursive walk as (select 1), picked (n) as materialized (select 2) select * from walk, picked',
      ['picked', 'walk'],
    ],
    ['with ordinality defines none', 'select 1 from unnest(skills) with ordinality as skill(name, rank)', []],
    ['two statements', 'with a as (select 1) select * from a; with b as (select 2) select * from b', ['a', 'b']],
  ])('cteNames: %s', (_, sql, expected) => {
    expect(sorted(cteNames(parseSql(sql)))).toEqual(expected);
  });

  it.each([
    [
      'aliases with their expressions, not casts, table aliases or CTE names',
      `with calls as (select call_id from call_facts as sales)
      select a.talk_ratio as talk_ratio, cast(x as double) as nps, count(*) filter (where sale) as sales,
        safe_ratio(sum(agent_talk_ms), sum(agent_talk_ms + customer_talk_ms)) as talk_ratio
      from calls join agents as calls2 using (call_id)`,
      [
        ['talk_ratio', 'a.talk_ratio', 2],
        ['nps', 'cast(x as double)', 2],
        ['sales', 'count(*) filter (where sale)', 2],
        ['talk_ratio', 'safe_ratio(sum(agent_talk_ms), sum(agent_talk_ms + customer_talk_ms))', 3],
      ],
    ],
    [
      'comments left out, white space made one, strings kept, a quoted name',
      `select
        sum(x) -- why it is summed
          / count(*) as mean_x,
        'a,b' as "Label"
      from t`,
      [
        ['mean_x', 'sum(x) / count(*)', 3],
        ['label', "'a,b'", 4],
      ],
    ],
    [
      'a case, and a condition with is distinct from',
      `select case when a then 'x' else 'y' end as kind,
        verdict = 'dismissed' and old is distinct from 'dismissed' as newly_dismissed
      from t`,
      [
        ['kind', "case when a then 'x' else 'y' end", 1],
        ['newly_dismissed', "verdict = 'dismissed' and old is distinct from 'dismissed'", 2],
      ],
    ],
    [
      '* replace (...), a subquery, columns without as',
      'select * replace (x * 2 as x), y + 1 as z, w, sum(v) from (select 3 as y) as inner_rows',
      [
        ['x', 'x * 2', 1],
        ['z', 'y + 1', 1],
        ['y', '3', 1],
      ],
    ],
  ])('selectItems: %s', (_, sql, expected) => {
    expect(selectItems(parseSql(sql)).map(({ name, expression, line }) => [name, expression, line])).toEqual(expected);
  });

  it.each([
    [
      'a table, a subquery, a table function, with and without as',
      `select 1
      from call_facts as a
      join (select agent_id from dim_agents) t using (agent_id)
      cross join unnest([1, 2]) as u(k)
      join main.dim_agents agents using (agent_id)
      join read_csv('x.csv') as raw on true`,
      [
        { relation: 'call_facts', alias: 'a', line: 2 },
        { relation: '(subquery)', alias: 't', line: 3 },
        { relation: 'unnest(...)', alias: 'u', line: 4 },
        { relation: 'main.dim_agents', alias: 'agents', line: 5 },
        { relation: 'read_csv(...)', alias: 'raw', line: 6 },
      ],
    ],
    [
      'after with ordinality',
      'select 1 from agents,\n  unnest(skills) with ordinality as s(name, rank)',
      [{ relation: 'unnest(...) with ordinality', alias: 's', line: 2 }],
    ],
    ['none, and no column alias', 'select x as y from calls', []],
  ])('tableAliases: %s', (_, sql, expected) => {
    expect(tableAliases(parseSql(sql))).toEqual(expected);
  });

  it('names the macros a file creates and the identifiers it mentions outside comments and strings', () => {
    const file = parseSql(`-- nps and csat
      create or replace temp macro talk_ratio(agent_ms, customer_ms) as agent_ms / (agent_ms + customer_ms);
      create macro picked(n) as table select 'nps' as label, csat from surveys limit n`);
    expect(sorted(macroNames(file))).toEqual(['picked', 'talk_ratio']);
    expect(sorted(identifierNames(file))).toEqual([
      'agent_ms',
      'csat',
      'customer_ms',
      'label',
      'n',
      'picked',
      'surveys',
      'talk_ratio',
    ]);
  });

  it('throws on SQL its parser refuses', () => {
    expect(() => parseSql('select case when answered then 1 from calls')).toThrow(/Parse error/);
  });
});
