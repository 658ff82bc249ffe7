/**
 * Column mapping: a mapping file renames source columns; otherwise a column matches its
 * canonical name whatever its case and padding; the rest is listed as unknown; required
 * columns the file lacks are named. A bad mapping file is a usage error naming the problem.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
import { readMapping, resolveColumns } from '../../src/ingest/column-mapping.ts';
import { tempDir } from './ingest-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const mappingFile = (name: string, text: string) => {
  const path = tmp.path(name);
  writeFileSync(path, text);
  return path;
};

describe('resolveColumns', () => {
  it('matches names case-insensitively and ignoring padding; lists unknown and missing required columns', () => {
    const resolved = resolveColumns('calls', ['CALL_ID', ' Direction ', 'started_at', 'colour', 'Queue']);
    expect([...resolved.sources]).toEqual([
      ['call_id', 'CALL_ID'],
      ['direction', ' Direction '],
      ['started_at', 'started_at'],
      ['queue', 'Queue'],
    ]);
    expect(resolved.unknown).toEqual(['colour']);
    expect(resolved.missingRequired).toEqual(['ended_at']);
  });

  it('a mapping renames source columns, per table', () => {
    const mapping = { calls: { 呼叫编号: 'call_id', 方向: 'direction', 开始: 'started_at', 结束: 'ended_at' }, agents: { 工号: 'agent_id' } };
    const resolved = resolveColumns('calls', ['呼叫编号', '方向', '开始', '结束', '工号'], mapping);
    expect([...resolved.sources]).toEqual([
      ['call_id', '呼叫编号'],
      ['direction', '方向'],
      ['started_at', '开始'],
      ['ended_at', '结束'],
    ]);
    // 工号 is mapped for agents only.
    expect(resolved.unknown).toEqual(['工号']);
    expect(resolved.missingRequired).toEqual([]);
  });

  it('a second source for the same canonical column is left out, not merged', () => {
    const resolved = resolveColumns('agents', ['agent_id', 'emp_no'], { agents: { emp_no: 'agent_id' } });
    expect([...resolved.sources]).toEqual([['agent_id', 'agent_id']]);
    expect(resolved.unknown).toEqual(['emp_no']);
  });
});

describe('readMapping', () => {
  it('reads table → {source: canonical}', () => {
    const path = mappingFile('ok.json', '{"surveys": {"满意度": "csat"}}');
    expect(readMapping(path)).toEqual({ surveys: { 满意度: 'csat' } });
  });

  it.each([
    ['not JSON', '{calls:', /^bad mapping file .*not-JSON\.json: /],
    ['an array', '[1]', /expected an object of table name → \{source column: canonical column\}/],
    ['an unknown table', '{"cals": {"a": "call_id"}}', /unknown table "cals"/],
    ['an unknown target column', '{"calls": {"编号": "call_no"}}', /calls\."编号" maps to unknown column "call_no"/],
    ['a table that is not an object', '{"calls": "call_id"}', /"calls" must map source to canonical column names/],
  ])('refuses %s as a usage error', (name, text, message) => {
    const path = mappingFile(`${name.replaceAll(' ', '-')}.json`, text);
    expect(() => readMapping(path)).toThrow(UsageError);
    expect(() => readMapping(path)).toThrow(message);
  });
});
