/**
 * Benchmark piece for `npm run bench`: on a database that already holds the bench history
 * (about 1M calls and 20M segments), times a full compute and then a one-day incremental
 * compute (`--date day`), each including the checkpoint that writes its tables to disk.
 * Wall time only; the bench runner measures peak RSS around it.
 */
import type { Database } from '../src/db/database.ts';
import type { Config } from '../src/config/config-schema.ts';
import { computeMetrics } from '../src/metrics/compute.ts';

export interface ComputeTimes {
  fullMs: number;
  incrementalMs: number;
}

export async function benchCompute(db: Database, config: Config, day: string): Promise<ComputeTimes> {
  const fullMs = await timed(db, () => computeMetrics(db, config));
  const incrementalMs = await timed(db, () => computeMetrics(db, config, { date: day }));
  return { fullMs, incrementalMs };
}

async function timed(db: Database, job: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await job();
  await db.exec('checkpoint');
  return Math.round(performance.now() - started);
}
