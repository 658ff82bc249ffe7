/**
 * A review while another callq run (a nightly) holds the database: it waits for the run and
 * then applies the whole sheet, or, with --wait 0, says in one line that the database is in
 * use and applies nothing. Run as child processes: the lock is per process.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { addFinding, deskSchema, rebuild } from '../cases/helpers.ts';

const tmp = tempDir('callq-review-lock-');
afterAll(() => tmp.cleanup());

async function deskDatabase(name: string): Promise<string> {
  const path = tmp.path(name);
  const db = await Database.open(path);
  try {
    await ensureSchema(db);
    await deskSchema(db);
    await addFinding(db, 'hangup_first', 'A1', '2026-11-03');
    await addFinding(db, 'hangup_first', 'A2', '2026-11-03');
    await rebuild(db, '2026-11-03');
  } finally {
    db.close();
  }
  return path;
}

const SHEET = tmp.path('sheet.csv');
writeFileSync(SHEET, 'case_id,verdict,note,by\n1,confirmed,heard,ana\n2,dismissed,fine,ana\n');

/** Runs `callq review --file SHEET` in a child while `holder` holds the file; `onWaiting` when it says it waits. */
function reviewWhileHeld(
  db: string,
  wait: string,
  onWaiting: () => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/callq.js', '--db', db, '--wait', wait, 'review', '--file', SHEET]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes('waiting for it')) onWaiting();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function verdicts(db: string): Promise<{ verdicts: unknown[]; events: number }> {
  const handle = await Database.open(db, { readOnly: true });
  try {
    return {
      verdicts: (await handle.query('select case_id, verdict from anomaly_cases order by case_id')).map((r) => [
        r.case_id,
        r.verdict,
      ]),
      events: Number(await handle.scalar('select count(*) from case_events where "by" = \'ana\'')),
    };
  } finally {
    handle.close();
  }
}

describe('callq review while another run holds the database', () => {
  it('waits for it, then applies the whole sheet', async () => {
    const db = await deskDatabase('wait.duckdb');
    const holder = await Database.open(db);
    let held = true;
    const release = () => {
      if (held) holder.close();
      held = false;
    };
    const result = await reviewWhileHeld(db, '60', release);
    release();
    expect(result).toEqual({
      code: 0,
      stdout: `${SHEET}: 2 reviews applied (1 confirmed, 1 dismissed)\n`,
      stderr: `callq: ${db} is in use by another callq run; waiting for it (up to 60 s)\n`,
    });
    expect(await verdicts(db)).toEqual({
      verdicts: [
        [1, 'confirmed'],
        [2, 'dismissed'],
      ],
      events: 3,
    });
  }, 90_000);

  it('with --wait 0, says so in one line and applies nothing', async () => {
    const db = await deskDatabase('busy.duckdb');
    const holder = await Database.open(db);
    let result: Awaited<ReturnType<typeof reviewWhileHeld>>;
    try {
      result = await reviewWhileHeld(db, '0', () => undefined);
    } finally {
      holder.close();
    }
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `callq: ${db} is in use by another callq run (the database is locked); try again when it has finished\n`,
    );
    expect(await verdicts(db)).toEqual({
      verdicts: [
        [1, null],
        [2, null],
      ],
      events: 0,
    });
  }, 90_000);
});
