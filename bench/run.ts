/**
 * `npm run bench`: times callq against raw DuckDB on the same files, side by side in one
 * run (alternating, several rounds, medians), because this machine is noisy. Prints a
 * table of wall time, peak RSS and the ratio. Sizes: BENCH_CALLS (default 1,000,000).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { BENCH_DIR, makeBenchData } from './make-data.ts';

const calls = Number(process.env.BENCH_CALLS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

interface Sample {
  ms: number;
  maxRssMb: number;
}

function measure(step: string, dbFile: string, dataDir: string, day = ''): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'measure-child.ts'), step, dbFile, dataDir, day], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Sample;
}

function summarise(samples: Sample[]): Sample {
  return { ms: median(samples.map((s) => s.ms)), maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)) };
}

const t0 = performance.now();
const dataDir = await makeBenchData(calls);
console.log(`bench data: ${dataDir} (${calls.toLocaleString('en')} calls) ready in ${Math.round(performance.now() - t0)} ms`);

const rawDb = join(BENCH_DIR, 'raw.duckdb');
const callqDb = join(BENCH_DIR, 'callq.duckdb');
const raw: Sample[] = [];
const callq: Sample[] = [];
for (let round = 0; round < rounds; round++) {
  raw.push(measure('raw-load', rawDb, dataDir));
  callq.push(measure('callq-load', callqDb, dataDir));
  console.log(`round ${round + 1}: raw ${raw.at(-1)!.ms} ms, callq ${callq.at(-1)!.ms} ms`);
}
const r = summarise(raw);
const c = summarise(callq);
console.log('\nload of calls.csv + segments.csv (median of rounds; peak RSS max of rounds)');
console.table({
  'raw DuckDB read_csv CTAS': { 'wall ms': r.ms, 'peak RSS MB': r.maxRssMb },
  'callq validated load': { 'wall ms': c.ms, 'peak RSS MB': c.maxRssMb },
});
console.log(`ratio callq / raw: ${(c.ms / r.ms).toFixed(2)}x wall, ${(c.maxRssMb / r.maxRssMb).toFixed(2)}x peak RSS`);
