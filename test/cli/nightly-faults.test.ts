/**
 * Fault injection (not timed): a nightly killed with SIGKILL at many points, or stopped by
 * a full disk or a 0-byte file, is finished by the next nightly, which then leaves every
 * derived table and the anomalies exactly as an uninterrupted run does.
 *
 * The kill points come from the nightly's own output (each file's summary line, "computed",
 * "anomalies:", the report paths) and from fixed delays after the start, so that they fall
 * inside the load, between load and compute, inside compute, detection and rendering.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCentre } from '../util/run-cli.ts';
import { Database } from '../../src/db/database.ts';
import { DERIVED_TABLES } from '../../src/metrics/models.ts';

const run = promisify(execFile);
const DAY = '2026-11-20';
let dir: string;
let input: string;
let config: string;
let reference: Record<string, string>;
/** How long the uninterrupted nightly took: delayed kill points are fractions of it. */
let referenceMs: number;

function nightlyArgs(db: string, out: string, from = input): string[] {
  return [
    'bin/callq.js',
    '--db',
    db,
    '--config',
    config,
    '--wait',
    '0',
    'nightly',
    '--input',
    from,
    '--out',
    out,
    '--date',
    DAY,
  ];
}

/** Runs a nightly to its end; its exit code (0 done, 3 done with rejects or skipped files). */
async function nightly(db: string, out: string, from = input): Promise<number> {
  return run(process.execPath, nightlyArgs(db, out, from)).then(
    () => 0,
    (error: { code: number }) => error.code,
  );
}

/** One fingerprint per derived table and the anomalies: every row, every column, in a fixed order. */
async function fingerprints(db: string): Promise<Record<string, string>> {
  const handle = await Database.open(db, { readOnly: true });
  try {
    const out: Record<string, string> = {};
    for (const table of [...DERIVED_TABLES, 'anomalies']) {
      out[table] = String(
        await handle.scalar(
          `select count(*) || ':' || coalesce(md5(string_agg(t::varchar, '|' order by t::varchar)), '') from ${table} t`,
        ),
      );
    }
    return out;
  } finally {
    handle.close();
  }
}

/** Starts a nightly and kills it with SIGKILL when `when` says so (a line of its output, or a share of the reference run's time). */
function killedNightly(db: string, out: string, when: { line?: RegExp; share?: number }): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nightlyArgs(db, out), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const kill = (why: string) => {
      if (child.exitCode === null && !child.killed) child.kill('SIGKILL');
      output += `\n[killed: ${why}]`;
    };
    const afterMs = when.share === undefined ? undefined : Math.round(when.share * referenceMs);
    const timer = afterMs === undefined ? undefined : setTimeout(() => kill(`${afterMs} ms`), afterMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (when.line?.test(output)) kill(String(when.line));
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callq-faults-'));
  input = join(dir, 'input');
  config = join(input, 'callq.config.json');
  expect(await generateCentre({ out: input, end: DAY })).toBe(0);
  const db = join(dir, 'reference.duckdb');
  const started = performance.now();
  expect(await nightly(db, join(dir, 'reference-out'))).toBe(0);
  referenceMs = performance.now() - started;
  reference = await fingerprints(db);
}, 180_000);

describe('a nightly killed with SIGKILL is finished by the next one', () => {
  const points: Array<[string, { line?: RegExp; share?: number }]> = [
    ['during the load (after the first file)', { line: /→ agents/ }],
    ['between the load and the compute', { line: /loaded \d+ of \d+ rows/ }],
    ['after the compute, before detection', { line: /computed / }],
    ['after detection, before the reports', { line: /anomalies: \d+ found/ }],
    ['while rendering the reports', { line: /nightly\.html/ }],
    // Shares well short of the whole, so a run a little faster than the reference is still killed.
    ['at 20% of the time an uninterrupted run takes', { share: 0.2 }],
    ['at 35%', { share: 0.35 }],
    ['at 50%', { share: 0.5 }],
    ['at 65%', { share: 0.65 }],
  ];
  it.each(points)(
    '%s',
    async (_name, when) => {
      const point = points.findIndex(([n]) => n === _name);
      // A run faster than the reference may end before a delayed kill: try again on a fresh
      // database, sooner, until the kill lands mid-run.
      let db = '';
      let output = '';
      for (
        let attempt = 0, share = when.share;
        attempt < 5 && !output.includes('[killed: ');
        attempt++, share = share && share / 2
      ) {
        db = join(dir, `killed-${point}-${attempt}.duckdb`);
        output = await killedNightly(db, join(dir, 'killed-out'), { ...when, share });
      }
      expect(output).toMatch(/\[killed: /);
      expect(await nightly(db, join(dir, 'healed-out'))).toBe(0);
      expect(await fingerprints(db), output).toEqual(reference);
    },
    180_000,
  );
});

describe('a nightly stopped by bad input or a full disk is finished by the next one', () => {
  it('a 0-byte file is reported and skipped (exit 3); the others go in, and the night is complete', async () => {
    const withEmpty = join(dir, 'input-empty');
    rmSync(withEmpty, { recursive: true, force: true });
    spawnSync('cp', ['-r', input, withEmpty]);
    writeFileSync(join(withEmpty, 'complaints-late.csv'), '');
    const db = join(dir, 'empty-file.duckdb');
    expect(await nightly(db, join(dir, 'empty-out'), withEmpty)).toBe(3);
    expect(await fingerprints(db)).toEqual(reference);
  }, 180_000);

  it('a full disk stops the run and leaves the database as it was; on a disk with room the next run finishes it', async (context) => {
    const mount = join(dir, 'small-disk');
    mkdirSync(mount, { recursive: true });
    // 1 MB holds the loaded files but not the compute: the disk fills after the loads commit.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]);
    if (mounted.status !== 0)
      context.skip(`cannot mount a small tmpfs here (${String(mounted.stderr).trim() || 'mount failed'})`);
    try {
      const db = join(mount, 'full.duckdb');
      const failed = await run(process.execPath, nightlyArgs(db, join(dir, 'full-out'))).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed.code).toBe(1);
      // The real cause, in one line.
      expect(failed.stderr).toMatch(/No space left on device/);
      const moved = join(dir, 'moved.duckdb');
      copyFileSync(db, moved);
      spawnSync('sh', ['-c', `cp ${db}.wal ${moved}.wal 2>/dev/null; true`]);
      expect(await nightly(moved, join(dir, 'moved-out'))).toBe(0);
      expect(await fingerprints(moved)).toEqual(reference);
    } finally {
      spawnSync('umount', [mount]);
    }
  }, 180_000);
});
