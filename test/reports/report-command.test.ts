/** `callq report` through main(): the files of the day, the options, usage errors, and that it only reads. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { loadReportFixture, MARTS_SQL, REPORT_DAY } from './fixtures/report-fixture.ts';
import { runCli } from '../util/run-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'callq-report-command-'));
const dbPath = join(tmp, 'callq.duckdb');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  const db = await Database.open(dbPath, { timezone: 'Asia/Shanghai' });
  try {
    await ensureSchema(db);
    await loadReportFixture(db);
  } finally {
    db.close();
  }
});

const callq = (...args: string[]) => runCli('--db', dbPath, ...args);

describe('callq report', () => {
  it("writes the day's reports and prints their paths", async () => {
    const out = join(tmp, 'out');
    const result = await callq('report', '--date', REPORT_DAY, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const day = join(out, REPORT_DAY);
    expect(result.stdout.trim().split('\n')).toEqual(
      ['nightly.html', 'anomalies.html', 'anomalies.csv', 'coaching.html'].map((f) => join(day, f)),
    );
  });

  it('takes the latest day, Chinese labels and shown personal data from its options', async () => {
    const out = join(tmp, 'zh');
    const result = await callq('report', '--out', out, '--lang', 'zh-CN', '--show-personal-data');
    expect(result.code).toBe(0);
    const anomalies = readFileSync(join(out, REPORT_DAY, 'anomalies.html'), 'utf8');
    expect(anomalies).toContain('<html lang="zh-CN">');
    expect(anomalies).toContain('13912345678');
  });

  it('only reads: the database file is not changed, and no run is recorded', async () => {
    const before = readFileSync(dbPath);
    expect((await callq('report', '--date', REPORT_DAY, '--out', join(tmp, 'read-only'))).code).toBe(0);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    const db = await Database.open(dbPath, { readOnly: true });
    try {
      expect(await db.query(`select command from runs where command = 'report'`)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('says which command to run when a derived table is missing (exit 1)', async () => {
    const bare = join(tmp, 'bare.duckdb');
    const db = await Database.open(bare, { timezone: 'Asia/Shanghai' });
    try {
      await ensureSchema(db);
      await db.exec(
        MARTS_SQL.replace(/create table anomalies[\s\S]*?\);\ninsert into anomalies values[\s\S]*?;\n/, ''),
      );
    } finally {
      db.close();
    }
    const result = await callq('--db', bare, 'report', '--date', REPORT_DAY, '--out', join(tmp, 'bare'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^callq: queries\/reports\/nightly\/top_anomalies.sql reads anomalies, which is not in the database yet: run `callq compute` and `callq anomalies` first\n$/,
    );
  });

  it('rejects a bad day or language with exit 2 and writes nothing', async () => {
    const out = join(tmp, 'bad');
    expect((await callq('report', '--date', '2026-02-30', '--out', out)).code).toBe(2);
    expect((await callq('report', '--lang', 'fr', '--out', out)).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
