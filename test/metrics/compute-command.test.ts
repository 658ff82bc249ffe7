/** `callq compute [--date D]` end to end through main(): output, exit codes, bad dates. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { insertValues } from './metrics-fixture.ts';
import { runCli } from '../util/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'callq-compute-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const callq = runCli;

describe('callq compute', () => {
  it('computes every day, then one day, in the configured zone', async () => {
    const dbFile = join(dir, 'a.duckdb');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ timezone: 'Asia/Shanghai' }));
    const db = await Database.open(dbFile, { timezone: 'Asia/Shanghai' });
    await ensureSchema(db);
    // 17:30 UTC on the 19th is 01:30 on the 20th in Shanghai.
    await insertValues(
      db,
      'calls',
      'call_id, direction, agent_id, started_at, answered_at, ended_at',
      `
      ('c1', 'inbound', 'a1', '2026-11-19 17:30:00+00', '2026-11-19 17:30:05+00', '2026-11-19 17:31:00+00')`,
    );
    db.close();

    const full = await callq('--db', dbFile, '--config', config, 'compute');
    expect(full).toMatchObject({ code: 0, stderr: '' });
    expect(full.stdout).toMatch(/^computed every day in \d+ ms: 1 calls, 1 agent-days\n$/);
    const oneDay = await callq('--db', dbFile, '--config', config, 'compute', '--date', '2026-11-20');
    expect(oneDay.code).toBe(0);
    expect(oneDay.stdout).toMatch(/^computed 2026-11-20 \(days from 2026-11-1\d\)/);

    const check = await Database.open(dbFile, { readOnly: true });
    expect(await check.query('select day::varchar as day from call_facts')).toEqual([{ day: '2026-11-20' }]);
    check.close();
  });

  it('rejects a date that is not a calendar day with exit code 2', async () => {
    const result = await callq('--db', join(dir, 'b.duckdb'), 'compute', '--date', '2026-02-30');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected a day as YYYY-MM-DD/);
  });
});
