/**
 * Runs one measured step in its own process, so each gets a clean heap and its own peak
 * RSS (the DuckDB buffers live in this process too). Prints one JSON line: {ms, cpuMs, maxRssMb}.
 * Usage: tsx bench/measure-child.ts STEP DB_FILE DATA [DAY (default: the bench's last day)]
 * DATA is the bench data folder, or for the phone-system steps (`*-queue-log`, `*-ctr`) the
 * export file itself. Steps that load (raw-*, callq-*, arquero-*) start from a fresh database.
 * Peer steps that need no database (polars-*) run without one, so their peak RSS is theirs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fromCSV } from 'arquero';
import { join } from 'node:path';
import { Database } from '../src/db/database.ts';
import { ensureSchema } from '../src/ingest/canonical-schema.ts';
import { loadFiles } from '../src/ingest/load-files.ts';
import { sqlString } from '../src/db/sql.ts';
import { sourceFiles } from '../src/ingest/discover-files.ts';
import type { SourceName } from '../src/ingest/sources/source-adapter.ts';
import { parseConfig } from '../src/config/load-config.ts';
import { computeMetrics } from '../src/metrics/compute.ts';
import { detectAnomalies } from '../src/anomalies/detect.ts';
import { BENCH_END_DAY } from './make-data.ts';
import { BASIC_MEASURES, talkListenInputs, talkListenStep } from './talk-listen.ts';
import { polarsTalkListen } from './talk-listen-polars.ts';

const [step, dbFile, dataDir, day = BENCH_END_DAY] = process.argv.slice(2) as [string, string, string, string?];
const config = parseConfig({ timezone: 'Asia/Shanghai' });
// Baseline: DuckDB reading the same files with no validation, no keys, no rejects.
async function rawLoad(db: Database, tables: string[]): Promise<void> {
  for (const table of tables) {
    await db.exec(`create table ${table} as select * from read_csv(${sqlString(join(dataDir, `${table}.csv`))})`);
  }
}

async function callqLoad(db: Database, tables: Array<'calls' | 'segments'>): Promise<void> {
  await ensureSchema(db);
  await loadFiles(
    db,
    tables.map((table) => ({ table, path: join(dataDir, `${table}.csv`), format: 'csv' as const })),
    { maxRejectShare: 0.01 },
  );
}

/**
 * `callq load --source NAME FILE` as the CLI runs it (src/cli/commands/load.ts): the schema,
 * the files --source finds, then loadFiles with the run's configuration. What the file made
 * goes to stderr, so a run shows the load did its work.
 */
async function callqSourceLoad(db: Database, source: SourceName): Promise<void> {
  await ensureSchema(db);
  const { files } = sourceFiles(source, [dataDir]);
  const rejectsCsv = join(import.meta.dirname, 'data', 'rejects.csv');
  const summary = await loadFiles(db, files, { config, maxRejectShare: config.max_reject_share, rejectsCsv });
  const [file] = summary.files;
  if (!file || file.loaded === 0) throw new Error(`${source}: nothing loaded from ${dataDir}`);
  const made = Object.entries(file.source?.report.made ?? {})
    .map(([what, n]) => `${n} ${what}`)
    .join(', ');
  process.stderr.write(
    `  ${step}: ${file.rows} records, made ${made}; ${file.loaded} loaded, ${file.rejected} rejected\n`,
  );
}

const steps: Record<string, (db: Database) => Promise<void>> = {
  'raw-load': (db) => rawLoad(db, ['calls', 'segments']),
  'callq-load': (db) => callqLoad(db, ['calls', 'segments']),
  'raw-calls': (db) => rawLoad(db, ['calls']),
  'callq-calls': (db) => callqLoad(db, ['calls']),
  // Peer library: arquero parses the same CSV into a columnar JS table (types inferred,
  // nothing validated or stored).
  async 'arquero-calls'() {
    const table = fromCSV(readFileSync(join(dataDir, 'calls.csv'), 'utf8'));
    if (table.numRows() === 0) throw new Error('arquero read no rows');
  },
  // A phone system's export (DATA is the file): DuckDB reading it raw, with its own type
  // detection and no validation, against callq's --source load.
  'raw-queue-log': (db) =>
    db.exec(
      `create table t as select * from read_csv(${sqlString(dataDir)}, delim = '|', header = false, null_padding = true)`,
    ),
  'callq-queue-log': (db) => callqSourceLoad(db, 'asterisk-queue-log'),
  'raw-ctr': (db) => db.exec(`create table t as select * from read_json(${sqlString(dataDir)})`),
  'callq-ctr': (db) => callqSourceLoad(db, 'amazon-connect-ctr'),
  // On a database the callq load filled: every derived table, then one day's worth.
  async 'compute-full'(db) {
    if (Number(await db.scalar('select count(*) from segments')) === 0)
      throw new Error('no segments: run callq-load first');
    await computeMetrics(db, config);
  },
  'compute-day': async (db) => void (await computeMetrics(db, config, { date: day })),
  'detect-day': async (db) => void (await detectAnomalies(db, config, { day })),
  // The talk-listen step on make-diarisation.ts's files, reading the CSVs; then the same
  // step asked for the four basic measures only (what the three others cost is the difference).
  async 'callq-talk-listen'(db) {
    await talkListenInputs(db, dataDir);
    await talkListenStep(db);
  },
  async 'callq-talk-listen-basic'(db) {
    await talkListenInputs(db, dataDir);
    await talkListenStep(db, BASIC_MEASURES);
  },
};

const peerSteps: Record<string, () => Promise<void>> = {
  // The peer of callq-talk-listen: nodejs-polars reading the same CSVs (talk-listen-polars.ts).
  async 'polars-talk-listen'() {
    if ((await polarsTalkListen(dataDir)).height === 0) throw new Error('polars measured no call');
  },
};

const run = steps[step];
const peer = peerSteps[step];
if (!run && !peer) throw new Error(`unknown step ${step}`);
let ms: number;
// The process's CPU (every DuckDB thread) over the step: beside the wall, it tells whether the
// step kept the cores busy (on this shared machine it drifts as much as the wall does).
let cpu: NodeJS.CpuUsage;
if (run) {
  if (/^(raw|callq|arquero)-/.test(step)) {
    rmSync(dbFile, { force: true });
    rmSync(`${dbFile}.wal`, { force: true });
  }
  // callq's steps run under the configuration's default memory_limit, as `callq` does; the raw
  // reads keep DuckDB's own default (80% of RAM), so they are DuckDB unconstrained.
  const db = await Database.open(dbFile, {
    timezone: config.timezone,
    ...(/^(callq|compute|detect)-/.test(step) && {
      memoryLimit: config.memory_limit,
      tempDirectory: config.temp_directory,
    }),
  });
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  await run(db);
  await db.exec('checkpoint');
  [ms, cpu] = [performance.now() - t0, process.cpuUsage(cpu0)];
  db.close();
} else {
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  await peer!();
  [ms, cpu] = [performance.now() - t0, process.cpuUsage(cpu0)];
}
process.stdout.write(
  `${JSON.stringify({
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
