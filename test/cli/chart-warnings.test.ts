/**
 * Chart warnings (Vega's "Infinite extent" on a series without values) are printed only
 * with --verbose: a cron mail holds errors and summaries, not notes on chart scales.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { loadReportFixture, REPORT_DAY } from '../reports/fixtures/report-fixture.ts';
import { runCli } from '../util/run-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'callq-chart-warnings-'));
const db = join(tmp, 'callq.duckdb');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  const handle = await Database.open(db, { timezone: 'Asia/Shanghai' });
  try {
    await ensureSchema(handle);
    await loadReportFixture(handle);
    // No sales at all: the conversion heatmap's colour scale has no values.
    await handle.exec('update funnel_daily set sales = null');
  } finally {
    handle.close();
  }
});

describe('chart warnings', () => {
  it('callq report prints none without --verbose', async () => {
    const run = await runCli('--db', db, 'report', '--date', REPORT_DAY, '--out', join(tmp, 'quiet'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('callq --verbose report prints each one', async () => {
    const run = await runCli('--db', db, '--verbose', 'report', '--date', REPORT_DAY, '--out', join(tmp, 'verbose'));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'callq: chart warning: nightly/conversion_heatmap: warning: Infinite extent for field "conversion_rate": [Infinity, -Infinity]\n',
    );
  });
});
