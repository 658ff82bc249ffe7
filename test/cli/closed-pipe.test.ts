/**
 * `callq … | head`: the reader closes the pipe early. callq (the real bin, in its own
 * process, writing into a shell pipe) says nothing about it, finishes its work and exits
 * with its own code. Each case fails without callq's EPIPE handler (checked: Node's
 * unhandled EPIPE stack trace and exit 1).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';

const BIN = join(import.meta.dirname, '../../bin/callq.js');
const CENTRE = join(import.meta.dirname, '../fixtures/ingest/centre');
const tmp = mkdtempSync(join(tmpdir(), 'callq-closed-pipe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// callq query reads an existing database and never creates one.
beforeAll(async () => {
  const db = await Database.open(join(tmp, 'query.duckdb'));
  try {
    await ensureSchema(db);
  } finally {
    db.close();
  }
});

let runs = 0;
/**
 * `callq ARGS | READER` in bash: callq's exit code, its stderr, and what the reader passed
 * on. `head -c 64` closes the pipe after 64 bytes; `true` before callq writes anything.
 */
function runPiped(reader: string, ...args: string[]): Promise<{ code: number; stderr: string; read: string }> {
  runs += 1;
  const errFile = join(tmp, `stderr-${runs}.txt`);
  const script = `"$0" "$@" 2>"$CALLQ_STDERR" | ${reader}; printf '\\n%s' "\${PIPESTATUS[0]}"`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, process.execPath, BIN, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, CALLQ_STDERR: errFile },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const cut = out.lastIndexOf('\n');
      resolve({ code: Number(out.slice(cut + 1)), stderr: readFileSync(errFile, 'utf8'), read: out.slice(0, cut) });
    });
  });
}

async function queryDb<T>(path: string, sql: string): Promise<T[]> {
  const db = await Database.open(path, { readOnly: true });
  try {
    return (await db.queryJs(sql)) as T[];
  } finally {
    db.close();
  }
}

describe('a closed stdout pipe', () => {
  it('callq query | head: no EPIPE stack trace, exit 0', async () => {
    const run = await runPiped(
      'head -c 64',
      '--db',
      join(tmp, 'query.duckdb'),
      'query',
      'select range as n from range(300000)',
      '--format',
      'csv',
    );
    expect(run.read.startsWith('n\n0\n1\n')).toBe(true);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);

  it('callq load | head: the load still finishes after its first summary line had nowhere to go', async () => {
    const db = join(tmp, 'load.duckdb');
    const run = await runPiped('head -c 64', '--db', db, 'load', CENTRE, '--rejects', join(tmp, 'rejects.csv'));
    expect(run.read.startsWith('agents.csv → agents: 3 rows')).toBe(true);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(await queryDb(db, 'select count(*)::int as files from load_log')).toEqual([{ files: 8 }]);
  }, 60_000);

  it('callq anomalies | head: every day is still judged and written, as without the pipe', async () => {
    const loaded = join(tmp, 'anomalies-loaded.duckdb');
    const load = spawnSync(process.execPath, [BIN, '--db', loaded, 'load', CENTRE, '--rejects', join(tmp, 'r.csv')]);
    expect(load.status).toBe(0);
    const [piped, plain] = [join(tmp, 'anomalies-piped.duckdb'), join(tmp, 'anomalies-plain.duckdb')];
    copyFileSync(loaded, piped);
    copyFileSync(loaded, plain);
    const run = await runPiped('true', '--db', piped, 'anomalies');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(spawnSync(process.execPath, [BIN, '--db', plain, 'anomalies']).status).toBe(0);
    const findings = 'select rule, entity_id, day::varchar as day from anomalies order by all';
    const written = await queryDb(piped, findings);
    expect(written.length).toBeGreaterThan(0);
    expect(written).toEqual(await queryDb(plain, findings));
  }, 60_000);
});
