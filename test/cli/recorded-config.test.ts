/**
 * The database remembers its settings: a later run without --config computes in the
 * recorded time zone, another zone is refused, and --reconfigure recomputes every day.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { runCli } from '../util/run-cli.ts';

const tmp = tempDir('callq-recorded-config-');
afterAll(() => tmp.cleanup());

// 17:30 UTC on 11-20 is 01:30 on 11-21 in Shanghai: the local day says which zone computed.
const CALLS = [
  'call_id,direction,agent_id,queue,started_at,answered_at,ended_at',
  'C1,inbound,A1,q1,2026-11-20T17:30:00Z,2026-11-20T17:30:05Z,2026-11-20T17:33:05Z',
  '',
].join('\n');

async function days(db: string): Promise<string[]> {
  const database = await Database.open(db, { readOnly: true });
  try {
    return (
      await database.queryJs<{ day: string }>("select strftime(day, '%Y-%m-%d') as day from center_daily order by day")
    ).map((r) => r.day);
  } finally {
    database.close();
  }
}

describe('recorded settings', () => {
  writeFileSync(tmp.path('calls.csv'), CALLS);

  it('a run without --config uses the recorded zone; another zone is refused; --reconfigure recomputes', async () => {
    writeFileSync(tmp.path('shanghai.json'), JSON.stringify({ timezone: 'Asia/Shanghai' }));
    writeFileSync(tmp.path('utc.json'), JSON.stringify({ timezone: 'UTC' }));
    const db = tmp.path('c.duckdb');
    expect((await runCli('--db', db, '--config', tmp.path('shanghai.json'), 'load', tmp.path('calls.csv'))).code).toBe(
      0,
    );
    // No --config: the recorded Asia/Shanghai, not the default UTC.
    expect((await runCli('--db', db, 'compute')).code).toBe(0);
    expect(await days(db)).toEqual(['2026-11-21']);

    const refused = await runCli('--db', db, '--config', tmp.path('utc.json'), 'compute');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `callq: the database was computed in time zone Asia/Shanghai and ${tmp.path('utc.json')} says UTC: every day boundary would move; run with --reconfigure to recompute everything under the new settings\n`,
    );
    expect(await days(db)).toEqual(['2026-11-21']);

    const reconfigured = await runCli('--db', db, '--config', tmp.path('utc.json'), '--reconfigure', 'compute');
    expect(reconfigured.code).toBe(0);
    expect(reconfigured.stdout).toContain('settings changed from the recorded ones: timezone');
    expect(await days(db)).toEqual(['2026-11-20']);
    // And the next run without --config stays in UTC, the settings now recorded.
    expect((await runCli('--db', db, 'compute')).code).toBe(0);
    expect(await days(db)).toEqual(['2026-11-20']);
    const database = await Database.open(db, { readOnly: true });
    try {
      const runs = await database.queryJs<{ command: string; status: string }>(
        "select command, status from runs where command = 'reconfigure'",
      );
      expect(runs).toEqual([{ command: 'reconfigure', status: 'done' }]);
      const recorded = await database.queryJs<{ zone: string; reconfigured: boolean }>(
        "select config::json->>'timezone' as zone, reconfigured from recorded_config order by recorded_at",
      );
      expect(recorded).toEqual([
        { zone: 'Asia/Shanghai', reconfigured: false },
        { zone: 'UTC', reconfigured: true },
      ]);
    } finally {
      database.close();
    }
  });

  it('a report needs no --config: it reads the recorded zone; --reconfigure is refused for it', async () => {
    const db = tmp.path('r.duckdb');
    writeFileSync(tmp.path('shanghai2.json'), JSON.stringify({ timezone: 'Asia/Shanghai' }));
    expect((await runCli('--db', db, '--config', tmp.path('shanghai2.json'), 'load', tmp.path('calls.csv'))).code).toBe(
      0,
    );
    const query = await runCli('--db', db, 'query', "select current_setting('TimeZone') as zone", '--format', 'csv');
    expect(query.stdout).toBe('zone\nAsia/Shanghai\n');
    const refused = await runCli('--db', db, '--reconfigure', 'query', 'select 1');
    expect(refused).toMatchObject({
      code: 2,
      stderr: 'callq: --reconfigure recomputes the database: give it to a command that writes (nightly, compute)\n',
    });
  });
});
