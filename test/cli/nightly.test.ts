/**
 * `callq nightly` end to end on a small generated centre: the first run loads every file
 * and computes every day; a re-run of the same day loads nothing, duplicates no row and
 * writes the same reports (but for the generated-at line); another run holding the
 * database gets one clear line and exit 1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { generateCentre } from '../util/run-cli.ts';
import { Database } from '../../src/db/database.ts';
import { localYesterday } from '../../src/cli/local-day.ts';

const run = promisify(execFile);
const DAY = '2026-11-20';

let dir: string;
let input: string;
let db: string;
let config: string;

async function callq(...args: string[]): Promise<number> {
  return main(['node', 'callq', '--quiet', '--db', db, '--config', config, ...args]);
}

const reportFiles = (out: string) =>
  readdirSync(join(out, DAY))
    .filter((f) => f.endsWith('.html') || f === 'anomalies.csv')
    .sort();
const withoutGeneratedAt = (text: string) => text.replace(/Generated at [^<\n]*/g, '');

async function tableCounts(): Promise<Record<string, number>> {
  const handle = await Database.open(db, { readOnly: true });
  try {
    const counts: Record<string, number> = {};
    for (const table of [
      'calls',
      'segments',
      'call_facts',
      'agent_daily',
      'center_daily',
      'agent_window',
      'anomalies',
      'load_log',
      'rejects',
    ]) {
      counts[table] = Number(await handle.scalar(`select count(*) from ${table}`));
    }
    counts.anomaly_ids = Number(await handle.scalar('select count(distinct anomaly_id) from anomalies'));
    return counts;
  } finally {
    handle.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callq-nightly-'));
  input = join(dir, 'input');
  db = join(dir, 'callq.duckdb');
  config = join(input, 'callq.config.json');
  expect(await generateCentre({ out: input, end: DAY })).toBe(0);
}, 60_000);

describe('callq nightly', () => {
  it('re-running a day gives the same reports and no duplicate rows', async () => {
    const first = join(dir, 'out1');
    const second = join(dir, 'out2');
    expect(await callq('nightly', '--input', input, '--out', first, '--date', DAY)).toBe(0);
    expect(reportFiles(first)).toEqual(['anomalies.csv', 'anomalies.html', 'coaching.html', 'nightly.html']);
    const before = await tableCounts();
    // 6 agents over 5 days is hundreds of calls, all loaded once; every anomaly id unique.
    expect(before.calls).toBeGreaterThan(100);
    expect(before.anomaly_ids).toBe(before.anomalies);

    expect(await callq('nightly', '--input', input, '--out', second, '--date', DAY, '--export', 'parquet')).toBe(0);
    const after = await tableCounts();
    expect(after).toEqual(before);
    // --export wrote the derived tables and the anomalies beside the reports, whole.
    const tables = readdirSync(join(second, DAY, 'tables')).sort();
    expect(tables).toEqual(
      expect.arrayContaining([
        'agent_daily.parquet',
        'anomalies.parquet',
        'call_facts.parquet',
        'center_daily.parquet',
      ]),
    );
    expect(tables).not.toContain('calls.parquet');
    const exported = await Database.open(':memory:');
    try {
      const rows = (table: string) =>
        exported.scalar(`select count(*) from read_parquet('${join(second, DAY, 'tables', `${table}.parquet`)}')`);
      expect(Number(await rows('anomalies'))).toBe(before.anomalies);
      expect(Number(await rows('agent_daily'))).toBe(before.agent_daily);
    } finally {
      exported.close();
    }
    for (const file of reportFiles(first)) {
      const a = withoutGeneratedAt(readFileSync(join(first, DAY, file), 'utf8'));
      const b = withoutGeneratedAt(readFileSync(join(second, DAY, file), 'utf8'));
      expect(b, file).toBe(a);
    }

    const handle = await Database.open(db, { readOnly: true });
    try {
      const runs = await handle.query<{ command: string; status: string; compute: string }>(
        `select command, status, counts->>'compute' as compute from runs where command = 'nightly' order by run_id`,
      );
      // The first run computes every day (its files reach other days); the re-run only D.
      expect(runs).toEqual([
        { command: 'nightly', status: 'done', compute: 'full' },
        { command: 'nightly', status: 'done', compute: 'incremental' },
      ]);
      // Each nightly is a row, and so is each step it ran.
      const steps = await handle.query(`select command, status from runs order by run_id`);
      expect(steps.map((r) => `${r.command}:${r.status}`)).toEqual([
        'nightly:done',
        'compute:done',
        'anomalies:done',
        'report:done',
        'nightly:done',
        'compute:done',
        'anomalies:done',
        'report:done',
      ]);
    } finally {
      handle.close();
    }
  }, 120_000);

  it('says in one line that another run holds the database', async () => {
    const holder = await Database.open(db);
    try {
      const result = await run(process.execPath, [
        'bin/callq.js',
        '--db',
        db,
        '--wait',
        '0',
        'nightly',
        '--input',
        input,
        '--out',
        join(dir, 'out3'),
        '--date',
        DAY,
      ]).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/in use by another callq run/);
    } finally {
      holder.close();
    }
  }, 60_000);

  it('defaults the day to yesterday in the configured time zone', () => {
    // 2026-11-20 17:00 UTC is already 2026-11-21 01:00 in Shanghai, still the 20th in New York.
    const now = new Date('2026-11-20T17:00:00Z');
    expect(localYesterday('Asia/Shanghai', now)).toBe('2026-11-20');
    expect(localYesterday('America/New_York', now)).toBe('2026-11-19');
  });
});
