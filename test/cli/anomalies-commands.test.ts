import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { withDatabase } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { insertRows } from '../util/insert-rows.ts';

describe('callq anomalies and callq evaluate', () => {
  let dir: string;
  let out: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callq-anomalies-cli-'));
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('detects a day, records the run and evaluates against a labels file', async () => {
    const db = join(dir, 'callq.duckdb');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ timezone: 'Asia/Shanghai' }));
    await withDatabase(db, { timezone: 'Asia/Shanghai' }, async (conn) => {
      await ensureSchema(conn);
      // Dialled at 07:00 local: outside the calling window.
      await insertRows(conn, 'calls', [
        {
          call_id: 'C1',
          direction: 'outbound',
          agent_id: 'A1',
          started_at: '2026-11-20 07:00:00',
          ended_at: '2026-11-20 07:00:30',
        },
      ]);
    });
    expect(await main(['node', 'callq', '--db', db, '--config', config, 'anomalies', '--date', '2026-11-20'])).toBe(0);
    expect(out.join('')).toContain('anomalies 2026-11-20: 1 found');
    expect(out.join('')).toMatch(/metric_shift +skipped: needs agent_daily, call_facts \(run callq compute first\)/);

    const labels = join(dir, 'labels.csv');
    writeFileSync(
      labels,
      'rule,entity_type,entity_id,day\noutside_hours,call,C1,2026-11-20\noutside_hours,call,C2,2026-11-20\n',
    );
    out = [];
    expect(
      await main(['node', 'callq', '--db', db, '--config', config, 'evaluate', '--labels', labels, '--format', 'csv']),
    ).toBe(0);
    // One of two labels found, nothing else flagged: precision 1/1, recall 1/2.
    expect(out.join('')).toContain('outside_hours,2,1,1,1,0.5\n');

    await withDatabase(db, { timezone: 'Asia/Shanghai' }, async (conn) => {
      const runs = await conn.query(
        "select command, strftime(day, '%Y-%m-%d') as day, status, counts->>'outside_hours' as found from runs",
      );
      expect(runs).toEqual([{ command: 'anomalies', day: '2026-11-20', status: 'done', found: '1' }]);
    });
  });

  it('refuses a malformed --date with exit code 2', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'callq', '--db', join(dir, 'x.duckdb'), 'anomalies', '--date', '2026-02-30'])).toBe(2);
  });
});
