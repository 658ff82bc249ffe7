/**
 * `callq … | head`: the reader closes the pipe early. callq (the real bin, in its own
 * process) says nothing about it, finishes its work and exits with its own code.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

/** Runs callq and closes its stdout after the first chunk, as `| head -c 1` would. */
function runClosingEarly(...args: string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString();
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, first }));
  });
}

describe('a closed stdout pipe', () => {
  it('callq query: no EPIPE stack trace, exit 0', async () => {
    const run = await runClosingEarly(
      '--db',
      join(tmp, 'query.duckdb'),
      'query',
      'select range as n from range(300000)',
      '--format',
      'csv',
    );
    expect(run.first.startsWith('n\n0\n1\n')).toBe(true);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  }, 60_000);

  it('callq load: the load still finishes after its first summary line had nowhere to go', async () => {
    const db = join(tmp, 'load.duckdb');
    const run = await runClosingEarly('--db', db, 'load', CENTRE, '--rejects', join(tmp, 'rejects.csv'));
    expect(run.first.startsWith('agents.csv → agents: 3 rows')).toBe(true);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const handle = await Database.open(db, { readOnly: true });
    try {
      expect(await handle.queryJs('select count(*)::int as files from load_log')).toEqual([{ files: 8 }]);
    } finally {
      handle.close();
    }
  }, 60_000);
});
