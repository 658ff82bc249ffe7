/**
 * Speed of anomaly detection on the 1M-call bench history (issue 4 acceptance): detection
 * for one day must take no longer than that day's incremental compute. Loads the bench
 * data (bench/make-data.ts) into its own database once, computes everything, then times,
 * alternately for a few rounds (this machine is shared and noisy), a one-day incremental
 * compute and a one-day detection, and finally one detection over every day.
 *
 *   npx tsx bench/anomaly-speed.ts        (BENCH_CALLS, default 1,000,000; BENCH_ROUNDS, default 3)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { Database } from '../src/db/database.ts';
import { ensureSchema } from '../src/ingest/canonical-schema.ts';
import { loadFiles } from '../src/ingest/load-files.ts';
import { parseConfig } from '../src/config/load-config.ts';
import { computeMetrics } from '../src/metrics/compute.ts';
import { detectAnomalies } from '../src/anomalies/detect.ts';
import { BENCH_DIR, BENCH_END_DAY, makeBenchData } from './make-data.ts';

const calls = Number(process.env.BENCH_CALLS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const config = parseConfig({ timezone: 'Asia/Shanghai' });

async function timed(db: Database, job: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await job();
  await db.exec('checkpoint');
  return Math.round(performance.now() - started);
}

const dataDir = await makeBenchData(calls);
const dbFile = join(BENCH_DIR, `anomaly-speed-${calls}.duckdb`);
const fresh = !existsSync(dbFile);
const db = await Database.open(dbFile, { timezone: config.timezone });
try {
  if (fresh) {
    await ensureSchema(db);
    const loadMs = await timed(db, () =>
      loadFiles(
        db,
        (['calls', 'segments'] as const).map((table) => ({
          table,
          path: join(dataDir, `${table}.csv`),
          format: 'csv' as const,
        })),
        { maxRejectShare: 0.01 },
      ),
    );
    const computeMs = await timed(db, () => computeMetrics(db, config));
    console.log(`setup: load ${loadMs} ms, full compute ${computeMs} ms`);
  }
  const total = Number(await db.scalar('select count(*) from calls'));
  const onDay = Number(await db.scalar('select count(*) from call_facts where day = $1::date', [BENCH_END_DAY]));
  console.log(
    `history: ${total.toLocaleString('en')} calls; day ${BENCH_END_DAY}: ${onDay.toLocaleString('en')} calls`,
  );

  const compute: number[] = [];
  const detect: number[] = [];
  for (let round = 0; round < rounds; round++) {
    compute.push(await timed(db, () => computeMetrics(db, config, { date: BENCH_END_DAY })));
    detect.push(await timed(db, () => detectAnomalies(db, config, { day: BENCH_END_DAY })));
  }
  const allDays = await timed(db, () => detectAnomalies(db, config));
  const found = Number(await db.scalar('select count(*) from anomalies'));
  const c = median(compute);
  const d = median(detect);
  console.log(`one-day incremental compute: ${c} ms (median of ${rounds}: ${compute.join(', ')})`);
  console.log(
    `one-day detection:           ${d} ms (median of ${rounds}: ${detect.join(', ')}), ${(d / c).toFixed(2)}x the compute`,
  );
  console.log(`detection over every day:    ${allDays} ms (${found} anomalies)`);
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  process.exitCode = d <= c ? 0 : 1;
} finally {
  db.close();
}
