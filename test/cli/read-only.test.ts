/**
 * Reading never writes: query, export and evaluate open the database read-only, never
 * create one, run one statement, and wait (saying so) while another run holds the file.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { runCli } from '../util/run-cli.ts';

const run = promisify(execFile);
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
    expect(result).toMatchObject({ code: 2, stderr: `callq: no database at ${missing}: give --db the file a load or nightly wrote\n` });
    expect(existsSync(missing)).toBe(false);
  });

  it('runs one statement only, and changes nothing without --write', async () => {
    const db = await databaseWithAgents('one.duckdb');
    const two = await runCli('--db', db, 'query', "select 1; drop table agents");
    expect(two).toMatchObject({ code: 2, stderr: 'callq: query runs one SQL statement; this text has 2\n' });
    const drop = await runCli('--db', db, 'query', 'drop table agents');
    expect(drop.code).toBe(1);
    expect(drop.stderr).toMatch(/read-only mode/);
    expect((await runCli('--db', db, 'query', 'agents', '--format', 'csv')).stdout).toBe('agent_id\nA1\n');
    expect((await runCli('--db', db, 'query', "insert into agents (agent_id) values ('A2')", '--write')).code).toBe(0);
    expect((await runCli('--db', db, 'query', 'select count(*) as n from agents', '--format', 'csv')).stdout).toBe('n\n2\n');
  });

  it('waits while another process holds the database, says so once, then reads', async () => {
    const db = await databaseWithAgents('held.duckdb');
    const holder = await Database.open(db);
    // Held longer than the child takes to start, so it meets the lock.
    const release = setTimeout(() => holder.close(), 6000);
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/callq.js', '--db', db, '--wait', '30', 'query', 'agents', '--format', 'csv']);
      expect(stdout).toBe('agent_id\nA1\n');
      expect(stderr).toBe(`callq: ${db} is in use by another callq run; waiting for it (up to 30 s)\n`);
    } finally {
      clearTimeout(release);
    }
  }, 60_000);
});
