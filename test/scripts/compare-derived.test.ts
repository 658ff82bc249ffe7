/**
 * scripts/compare-derived.ts: two small databases written here, differing on purpose. A
 * last-bit change in a double (alone or inside JSON and a list) and a changed run time are
 * not differences, nor a run's count of a table only the second holds; a double changed in
 * its 6th digit, a repeated row and a lost table are.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { compareDatabases } from '../../scripts/compare-derived.ts';

const dir = mkdtempSync(join(tmpdir(), 'callq-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function database(name: string, statements: string): Promise<string> {
  const path = join(dir, `${name}.duckdb`);
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await connection.run(statements);
  connection.closeSync();
  instance.closeSync();
  return path;
}

// 0.1 + 0.2 = 0.30000000000000004 and 0.3 differ in the last bit only.
const BEFORE = `
  create table findings (id integer, z double, args json, zs double[]);
  insert into findings values (1, 0.3, '{"z": 0.3, "day": "2026-11-21"}', [0.3, 1e-5]), (2, 2.5, '{}', []);
  create table runs (run_id integer, started timestamptz, counts json);
  insert into runs values (1, '2026-11-30 20:00:00+00', '{"calls": 3, "ms": 2505}');
  create table agents (agent_id varchar);`;

describe('compare-derived', () => {
  it('takes last-bit differences of doubles and run times for equal', async () => {
    const before = await database('before', BEFORE);
    const after = await database(
      'after-noise',
      `create table findings (id integer, z double, args json, zs double[]);
       insert into findings values (1, 0.1 + 0.2, '{"z": 0.30000000000000004, "day": "2026-11-21"}',
         [0.1 + 0.2, 1.0000000000000011e-05]), (2, 2.5, '{}', []);
       create table runs (run_id integer, started timestamptz, counts json);
       insert into runs values (1, '2026-11-30 21:13:00+00', '{"calls": 3, "extra": 0, "ms": 917}');
       create table agents (agent_id varchar);
       create table extra (n integer);`,
    );
    const { lines, differ } = await compareDatabases(before, after);
    expect(differ).toBe(false);
    expect(lines).toContain('findings: 2 rows before, 2 after; identical');
    expect(lines).toContain('runs: 1 rows before, 1 after; identical');
    expect(lines).toContain(`extra: only in ${after} (not compared)`);
  });

  it('finds a changed value, a repeated row, a changed run count and a lost table', async () => {
    const before = await database('before-2', BEFORE);
    // z of finding 1 moves in its 6th significant digit, and finding 2 is there twice; the run's calls change.
    const after = await database(
      'after-changed',
      `create table findings (id integer, z double, args json, zs double[]);
       insert into findings values (1, 0.300001, '{"z": 0.3, "day": "2026-11-21"}', [0.3, 1e-5]),
         (2, 2.5, '{}', []), (2, 2.5, '{}', []);
       create table runs (run_id integer, started timestamptz, counts json);
       insert into runs values (1, '2026-11-30 20:00:00+00', '{"calls": 4, "ms": 2505}');`,
    );
    const { lines, differ } = await compareDatabases(before, after);
    expect(differ).toBe(true);
    expect(lines).toEqual([
      `agents: MISSING from ${after}`,
      'findings: 2 rows before, 3 after; DIFFERENT: 1 rows only before, 2 only after',
      'runs: 1 rows before, 1 after; DIFFERENT: 1 rows only before, 1 only after',
    ]);
  });
});
