/**
 * `npm run bench`: times callq against raw DuckDB on the same files, side by side in one
 * run (alternating, several rounds, medians), because this machine is noisy: the validated
 * load against DuckDB's raw read_csv and a peer library (arquero), then full and one-day
 * compute and one-day anomaly detection; then phone-system exports, callq's `--source` load
 * against DuckDB's raw reader of the same file (an Asterisk queue_log, Amazon Connect contact
 * records). Prints wall time, peak RSS and ratios. First, startup: `callq --help` (the build in
 * dist/, which `npm run bench` builds first) beside `node -e 0`, each a whole process. Last,
 * talk-listen: callq's step against nodejs-polars on speech shaped like a diariser's, checked
 * equal first.
 * Sizes: BENCH_CALLS (default 1,000,000; also the talk-listen set), BENCH_QUEUE_LOG_EVENTS
 * (default 10,000,000), BENCH_CTR_RECORDS (default 1,000,000), BENCH_ROUNDS (default 5),
 * BENCH_STARTUP_ROUNDS (default 20).
 * BENCH_SECTIONS picks sections (comma-separated; default all): startup, canonical (the calls
 * and segments loads, then compute and detect on them), queue-log, ctr, talk-listen.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { BENCH_DIR, BENCH_END_DAY, makeBenchData } from './make-data.ts';
import { makeQueueLog } from './make-queue-log.ts';
import { makeCtr } from './make-ctr.ts';
import { describeShape, makeDiarisation, readShape } from './make-diarisation.ts';

const calls = Number(process.env.BENCH_CALLS ?? 1_000_000);
const queueLogEvents = Number(process.env.BENCH_QUEUE_LOG_EVENTS ?? 10_000_000);
const ctrRecords = Number(process.env.BENCH_CTR_RECORDS ?? 1_000_000);
const defaultRounds = Number(process.env.BENCH_ROUNDS ?? 5);
const startupRounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 20);
const SECTIONS = ['startup', 'canonical', 'queue-log', 'ctr', 'talk-listen'] as const;
const sections = new Set((process.env.BENCH_SECTIONS ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
for (const section of sections) {
  if (!(SECTIONS as readonly string[]).includes(section))
    throw new Error(`BENCH_SECTIONS: unknown section ${section} (known: ${SECTIONS.join(', ')})`);
}

interface Sample {
  ms: number;
  maxRssMb: number;
  /** CPU of the step's process (user + system) while it ran: measure-child's steps only. */
  cpuMs?: number;
}

function measure(step: string, dbFile: string, data: string): Sample {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'measure-child.ts'), step, dbFile, data],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Sample;
}

/** Loaded with --import: the process writes its own peak RSS (KB) to fd 3 as it exits. */
const REPORT_RSS =
  "data:text/javascript,import { writeSync } from 'node:fs'; process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));";

/**
 * One start of `node ARGS` as a shell runs it: the wall time from outside, then the peak RSS
 * from a second run with REPORT_RSS (kept out of the timed run, whose startup it would change).
 */
function startup(args: string[]): Sample {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  const ms = Math.round(performance.now() - t0);
  const rss = spawnSync(process.execPath, ['--import', REPORT_RSS, ...args], {
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  return { ms, maxRssMb: Math.round(Number(rss.output[3]) / 1024) };
}

function summarise(samples: Sample[]): Sample {
  const cpu = samples.every((s) => s.cpuMs !== undefined) ? { cpuMs: median(samples.map((s) => s.cpuMs!)) } : {};
  return { ms: median(samples.map((s) => s.ms)), maxRssMb: Math.max(...samples.map((s) => s.maxRssMb)), ...cpu };
}

/** Median of the round-by-round ratios: each pair ran back to back, so drift between rounds cancels. */
function pairedRatio(samples: Sample[], base: Sample[], of: 'ms' | 'cpuMs' = 'ms'): number {
  return median(samples.map((s, round) => s[of]! / base[round]![of]!));
}

/** Makes a data set once (later runs find it), saying where it is and how long it took. */
async function ready(what: string, make: () => string | Promise<string>): Promise<string> {
  const t0 = performance.now();
  const path = await make();
  console.log(`bench data: ${path} (${what}) ready in ${Math.round(performance.now() - t0)} ms`);
  return path;
}

/**
 * Runs the steps alternately for `rounds` rounds and prints medians and ratios to the first.
 * Each step is a measure-child step, unless `sample` times it otherwise.
 */
function compare(
  title: string,
  data: string,
  steps: Array<[label: string, step: string, db: string]>,
  {
    sample = measure,
    rounds = defaultRounds,
  }: { sample?: (step: string, db: string, data: string) => Sample; rounds?: number } = {},
): void {
  const samples = steps.map(() => [] as Sample[]);
  for (let round = 0; round < rounds; round++) {
    // Every other round runs the steps in reverse, so no step always runs first (with the
    // page cache and the disk as the step before left them).
    const order = [...steps.keys()];
    if (round % 2 === 1) order.reverse();
    for (const i of order) samples[i]!.push(sample(steps[i]![1], steps[i]![2], data));
    const said = (s: Sample) => `${s.ms} ms${s.cpuMs === undefined ? '' : ` (CPU ${s.cpuMs} ms)`}`;
    console.log(
      `${title}, round ${round + 1}: ${steps.map(([label], i) => `${label} ${said(samples[i]!.at(-1)!)}`).join(', ')}`,
    );
  }
  const results = samples.map(summarise);
  const base = results[0]!;
  const withCpu = results.every((r) => r.cpuMs !== undefined);
  console.log(
    `\n${title} (median wall${withCpu ? ' and CPU' : ''} of ${rounds} rounds; ratios: medians of the rounds' ratios; peak RSS the max)`,
  );
  console.table(
    Object.fromEntries(
      steps.map(([label], i) => [
        label,
        {
          'wall ms': results[i]!.ms,
          ...(withCpu && { 'CPU ms': results[i]!.cpuMs }),
          'peak RSS MB': results[i]!.maxRssMb,
          'wall ratio': +pairedRatio(samples[i]!, samples[0]!).toFixed(2),
          ...(withCpu && { 'CPU ratio': +pairedRatio(samples[i]!, samples[0]!, 'cpuMs').toFixed(2) }),
          'RSS ratio': +(results[i]!.maxRssMb / base.maxRssMb).toFixed(2),
        },
      ]),
    ),
  );
}

const rawDb = join(BENCH_DIR, 'raw.duckdb');
const callqDb = join(BENCH_DIR, 'callq.duckdb');
// The calls-only comparison writes elsewhere: callq.duckdb must keep the full history for compute.
const callsOnlyDb = join(BENCH_DIR, 'calls-only.duckdb');
const sourceDb = join(BENCH_DIR, 'source.duckdb');
const mb = (path: string) => `${Math.round(statSync(path).size / 1e6).toLocaleString('en')} MB`;

if (sections.has('startup')) {
  // Each a whole process: node starting and stopping, and callq printing its help.
  const commands: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'callq --help': [join(import.meta.dirname, '..', 'bin', 'callq.js'), '--help'],
  };
  for (const args of Object.values(commands)) startup(args); // warm-up: the files in the page cache
  compare(
    'startup, node alone and callq --help',
    '',
    [
      ['node -e 0', 'node -e 0', ''],
      ['callq --help (dist/)', 'callq --help', ''],
    ],
    { sample: (step) => startup(commands[step]!), rounds: startupRounds },
  );
}

if (sections.has('canonical')) {
  const dataDir = await ready(`${calls.toLocaleString('en')} calls`, () => makeBenchData(calls));
  compare('load calls.csv + segments.csv', dataDir, [
    ['raw DuckDB read_csv CTAS', 'raw-load', rawDb],
    ['callq validated load', 'callq-load', callqDb],
  ]);
  // arquero parses from one JS string, and V8 caps a string at 2^29 - 24 characters.
  const peerFits = statSync(join(dataDir, 'calls.csv')).size < 2 ** 29 - 24;
  if (!peerFits)
    console.log(
      `peer skipped: calls.csv (${mb(join(dataDir, 'calls.csv'))}) is longer than the longest string V8 holds, which arquero's fromCSV needs`,
    );
  compare(`load calls.csv only${peerFits ? ', against a peer library' : ''}`, dataDir, [
    ['raw DuckDB read_csv CTAS', 'raw-calls', rawDb],
    ['callq validated load', 'callq-calls', callsOnlyDb],
    ...(peerFits ? [['arquero fromCSV (peer)', 'arquero-calls', rawDb] as [string, string, string]] : []),
  ]);
  // The last callq load left the full history in callq.duckdb: compute and detect on it.
  compare(`compute and detect on the loaded history (day ${BENCH_END_DAY})`, dataDir, [
    ['full compute, every day', 'compute-full', callqDb],
    ['incremental compute, one day', 'compute-day', callqDb],
    ['anomaly detection, one day', 'detect-day', callqDb],
  ]);
}

if (sections.has('queue-log')) {
  const file = await ready(`Asterisk queue_log, ${queueLogEvents.toLocaleString('en')} events`, () =>
    makeQueueLog(queueLogEvents),
  );
  compare(`Asterisk queue_log, ${queueLogEvents.toLocaleString('en')} events (${mb(file)})`, file, [
    ["raw DuckDB read_csv(delim='|') CTAS", 'raw-queue-log', rawDb],
    ['callq load --source asterisk-queue-log', 'callq-queue-log', sourceDb],
  ]);
}

if (sections.has('ctr')) {
  const file = await ready(`Amazon Connect contact records, ${ctrRecords.toLocaleString('en')} records`, () =>
    makeCtr(ctrRecords),
  );
  compare(
    `Amazon Connect contact records, ${ctrRecords.toLocaleString('en')} records in JSON Lines (${mb(file)})`,
    file,
    [
      ['raw DuckDB read_json CTAS', 'raw-ctr', rawDb],
      ['callq load --source amazon-connect-ctr', 'callq-ctr', sourceDb],
    ],
  );
}

if (sections.has('talk-listen')) {
  const dataDir = await ready(`${calls.toLocaleString('en')} calls of diarised speech`, () => makeDiarisation(calls));
  const shape = readShape(dataDir);
  console.log(describeShape(shape));
  // Equal results first: a mismatch stops the bench here, printing the calls that differ.
  execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'talk-listen-check.ts'), dataDir], {
    stdio: 'inherit',
  });
  const talkListenDb = join(BENCH_DIR, 'talk-listen.duckdb');
  const segments = `${shape.segments.toLocaleString('en')} segments of ${calls.toLocaleString('en')} calls`;
  compare(`talk-listen, ${segments}: callq against the peer`, dataDir, [
    ['nodejs-polars (peer), 7 measures', 'polars-talk-listen', talkListenDb],
    ['callq int_segments_clipped + int_talk_listen, 7 measures', 'callq-talk-listen', talkListenDb],
  ]);
  compare(`talk-listen, ${segments}: what the three extra measures cost`, dataDir, [
    ['callq, the 4 basic measures', 'callq-talk-listen-basic', talkListenDb],
    ['callq, all 7 measures', 'callq-talk-listen', talkListenDb],
  ]);
}
