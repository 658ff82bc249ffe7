/**
 * `npm run bench`: times callq against raw DuckDB on the same files, side by side in one
 * run (alternating, several rounds, medians), because this machine is noisy: the validated
 * load against DuckDB's raw read_csv and a peer library (arquero), then full and one-day
 * compute and one-day anomaly detection. Prints wall time, peak RSS and ratios.
 * Sizes: BENCH_CALLS (default 1,000,000), BENCH_ROUNDS (default 5).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { BENCH_DIR, BENCH_END_DAY, makeBenchData } from './make-data.ts';

const calls = Number(process.env.BENCH_CALLS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

interface Sample {
  ms: number;
  maxRssMb: number;
}

function measure(step: string, dbFile: string, dataDir: string): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'measure-child.ts'), step, dbFile, dataDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Sample;
}

function summarise(samples: Sample[]): Sample {
  return { ms: median(samples.map((s) => s.ms)), maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)) };
}

/** Median of the round-by-round ratios: each pair ran back to back, so drift between rounds cancels. */
function pairedRatio(samples: Sample[], base: Sample[]): number {
  return median(samples.map((s, round) => s.ms / base[round]!.ms));
}

const t0 = performance.now();
const dataDir = await makeBenchData(calls);
console.log(`bench data: ${dataDir} (${calls.toLocaleString('en')} calls) ready in ${Math.round(performance.now() - t0)} ms`);

const rawDb = join(BENCH_DIR, 'raw.duckdb');
const callqDb = join(BENCH_DIR, 'callq.duckdb');
// The calls-only comparison writes elsewhere: callq.duckdb must keep the full history for compute.
const callsOnlyDb = join(BENCH_DIR, 'calls-only.duckdb');

/** Runs the steps alternately for `rounds` rounds and prints medians and ratios to the first. */
function compare(title: string, steps: Array<[label: string, step: string, db: string]>): void {
  const samples = steps.map(() => [] as Sample[]);
  for (let round = 0; round < rounds; round++) {
    steps.forEach(([, step, db], i) => samples[i]!.push(measure(step, db, dataDir)));
    console.log(`${title}, round ${round + 1}: ${steps.map(([label], i) => `${label} ${samples[i]!.at(-1)!.ms} ms`).join(', ')}`);
  }
  const results = samples.map(summarise);
  const base = results[0]!;
  console.log(`\n${title} (median wall of ${rounds} rounds; wall ratio: median of the rounds' ratios; peak RSS the max)`);
  console.table(
    Object.fromEntries(
      steps.map(([label], i) => [
        label,
        {
          'wall ms': results[i]!.ms,
          'peak RSS MB': results[i]!.maxRssMb,
          'wall ratio': +pairedRatio(samples[i]!, samples[0]!).toFixed(2),
          'RSS ratio': +(results[i]!.maxRssMb / base.maxRssMb).toFixed(2),
        },
      ]),
    ),
  );
}

compare('load calls.csv + segments.csv', [
  ['raw DuckDB read_csv CTAS', 'raw-load', rawDb],
  ['callq validated load', 'callq-load', callqDb],
]);
compare('load calls.csv only, against a peer library', [
  ['raw DuckDB read_csv CTAS', 'raw-calls', rawDb],
  ['callq validated load', 'callq-calls', callsOnlyDb],
  ['arquero fromCSV (peer)', 'arquero-calls', rawDb],
]);

// The last callq load left the full history in callq.duckdb: compute and detect on it.
compare(`compute and detect on the loaded history (day ${BENCH_END_DAY})`, [
  ['full compute, every day', 'compute-full', callqDb],
  ['incremental compute, one day', 'compute-day', callqDb],
  ['anomaly detection, one day', 'detect-day', callqDb],
]);
