/**
 * Reading never writes: query, export and evaluate open the database read-only, never
 * create one, run one statement, and wait (saying so) while another run holds the file.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { runCli } from '../util/run-cli.ts';

const tmp = tempDir('callq-read-only-');
afterAll(() => tmp.cleanup());

async function databaseWithAgents(name: string): Promise<string> {
  const path = tmp.path(name);
  const db = await Database.open(path);
  await db.exec("create table agents (agent_id varchar); insert into agents values ('A1')");
  db.close();
  return path;
}

describe('callq query', () => {
  it('refuses a --db that does not exist, and creates nothing', async () => {
    const missing = tmp.path('typo.duckdb');
    const result = await runCli('--db', missing, 'query', 'select 1');
    expect(result).toMatchObject({
      code: 2,
      stderr: `callq: no database at ${missing}: give --db the file a load or nightly wrote\n`,
    });
    expect(existsSync(missing)).toBe(false);
  });

  it('runs one statement only, and changes nothing without --write', async () => {
    const db = await databaseWithAgents('one.duckdb');
    const two = await runCli('--db', db, 'query', 'select 1; drop table agents');
    expect(two).toMatchObject({ code: 2, stderr: 'callq: query runs one SQL statement; this text has 2\n' });
    const drop = await runCli('--db', db, 'query', 'drop table agents');
    expect(drop.code).toBe(1);
    expect(drop.stderr).toMatch(/read-only mode/);
    expect((await runCli('--db', db, 'query', 'agents', '--format', 'csv')).stdout).toBe('agent_id\nA1\n');
    expect((await runCli('--db', db, 'query', "insert into agents (agent_id) values ('A2')", '--write')).code).toBe(0);
    expect((await runCli('--db', db, 'query', 'select count(*) as n from agents', '--format', 'csv')).stdout).toBe(
      'n\n2\n',
    );
  });

  it('waits while another process holds the database, says so once, then reads', async () => {
    const db = await databaseWithAgents('held.duckdb');
    const holder = await Database.open(db);
    // The holder lets go once the reader says it is waiting: no race with the child's start.
    const child = spawn(process.execPath, [
      'bin/callq.js',
      '--db',
      db,
      '--wait',
      '60',
      'query',
      'agents',
      '--format',
      'csv',
    ]);
    let stdout = '';
    let stderr = '';
    let held = true;
    const release = () => {
      if (held) holder.close();
      held = false;
    };
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('waiting for it')) release();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    release();
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: 'agent_id\nA1\n',
      stderr: `callq: ${db} is in use by another callq run; waiting for it (up to 60 s)\n`,
    });
  }, 90_000);
});
