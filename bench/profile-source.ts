/**
 * Where a `--source` load spends its time and memory: loads FILE as the bench's callq step
 * does (fresh database, `sourceFiles` + `loadFiles`, then a checkpoint), timing every
 * statement callq sends to DuckDB. For each statement over --min-ms it prints DuckDB's own
 * profile of it (the slowest operators with their rows, and the statement's peak buffer
 * memory), then a table of all statements by time.
 *
 *   npx tsx bench/profile-source.ts asterisk-queue-log bench/data/queue-log-10000000-v2/queue_log [--min-ms 500]
 *   npx tsx bench/profile-source.ts amazon-connect-ctr bench/data/ctr-1000000-v1/ctr.jsonl
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config/load-config.ts';
import { Database, type Params } from '../src/db/database.ts';
import { ensureSchema } from '../src/ingest/canonical-schema.ts';
import { sourceFiles } from '../src/ingest/discover-files.ts';
import { loadFiles } from '../src/ingest/load-files.ts';
import { isSourceName } from '../src/ingest/sources/source-adapter.ts';
import { sqlString } from '../src/db/sql.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'min-ms': { type: 'string', default: '500' },
    db: { type: 'string', default: join(import.meta.dirname, 'data', 'profile.duckdb') },
  },
});
const [source, file] = positionals;
if (!source || !file || !isSourceName(source))
  throw new Error('usage: profile-source.ts SOURCE FILE [--min-ms N] [--db PATH]');
const minMs = Number(values['min-ms']);
const dbFile = values.db!;
const profileJson = join(import.meta.dirname, 'data', 'profile-last.json');

interface ProfileNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  extra_info?: Record<string, unknown>;
  system_peak_buffer_memory?: number;
  system_peak_temp_dir_size?: number;
  children?: ProfileNode[];
}

interface Timed {
  n: number;
  ms: number;
  /** CPU time of the process (every DuckDB thread) during the statement: steadier than wall on a shared machine. */
  cpuMs: number;
  label: string;
  rssMb: number;
}

/** The statement's first line that says what it does, shortened. */
function labelOf(sql: string): string {
  const line = sql
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('--'));
  return (line ?? '').replace(/\s+/g, ' ').slice(0, 110);
}

function operators(node: ProfileNode, out: ProfileNode[] = []): ProfileNode[] {
  if (node.operator_name) out.push(node);
  for (const child of node.children ?? []) operators(child, out);
  return out;
}

function describeOperator(op: ProfileNode): string {
  const info = Object.entries(op.extra_info ?? {})
    .filter(([key]) => !['Estimated Cardinality', 'Projections'].includes(key))
    .map(([key, value]) => `${key}: ${String(value).replace(/\s+/g, ' ')}`)
    .join('; ');
  return `${(op.operator_timing ?? 0).toFixed(2).padStart(7)} s  ${String(op.operator_cardinality ?? '').padStart(10)} rows  ${op.operator_name?.trim()}  ${info.slice(0, 150)}`;
}

rmSync(dbFile, { force: true });
rmSync(`${dbFile}.wal`, { force: true });
const config = parseConfig({ timezone: 'Asia/Shanghai' });
// Under the configuration's memory limit, as the bench's callq step and `callq` run.
const db = await Database.open(dbFile, {
  timezone: config.timezone,
  memoryLimit: config.memory_limit,
  tempDirectory: config.temp_directory,
});
await ensureSchema(db);
await db.exec(`set enable_profiling = 'json'; set profiling_output = ${sqlString(profileJson)}`);

const statements: Timed[] = [];
const wrap =
  <A extends [string, Params?], R>(run: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await run(...args);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const entry = {
      n: statements.length + 1,
      ms: Math.round(ms),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      label: labelOf(args[0]),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
    statements.push(entry);
    if (ms >= minMs) {
      const profile = JSON.parse(readFileSync(profileJson, 'utf8')) as ProfileNode;
      const ops = operators(profile).sort((a, b) => (b.operator_timing ?? 0) - (a.operator_timing ?? 0));
      const peak = Math.round((profile.system_peak_buffer_memory ?? 0) / 2 ** 20);
      const temp = Math.round((profile.system_peak_temp_dir_size ?? 0) / 2 ** 20);
      console.log(
        `\n#${entry.n} ${entry.ms} ms, CPU ${entry.cpuMs} ms (peak buffer ${peak} MB, temp ${temp} MB, process RSS ${entry.rssMb} MB): ${entry.label}`,
      );
      for (const op of ops.slice(0, 6)) console.log(`  ${describeOperator(op)}`);
    }
    return result;
  };
db.exec = wrap(db.exec.bind(db));
db.query = wrap(db.query.bind(db)) as typeof db.query;
db.queryJs = wrap(db.queryJs.bind(db)) as typeof db.queryJs;
db.scalar = wrap(db.scalar.bind(db)) as typeof db.scalar;

const c0 = process.cpuUsage();
const t0 = performance.now();
const { files } = sourceFiles(source, [file]);
const summary = await loadFiles(db, files, { config, maxRejectShare: config.max_reject_share });
await db.exec('checkpoint');
const total = performance.now() - t0;
const cpu = process.cpuUsage(c0);
db.close();

const [result] = summary.files;
console.log(
  `\n${file}: ${result?.rows} records, ${result?.loaded} loaded, ${result?.rejected} rejected; ${Math.round(total)} ms in all (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
const inDb = statements.reduce((sum, s) => sum + s.ms, 0);
console.log(
  `statements: ${Math.round(inDb)} ms; outside them (file scan and hash, JS): ${Math.round(total - inDb)} ms`,
);
console.table(
  statements
    .filter((s) => s.ms >= 50)
    .sort((a, b) => b.ms - a.ms)
    .map((s) => ({
      '#': s.n,
      ms: s.ms,
      'CPU ms': s.cpuMs,
      share: `${((100 * s.ms) / total).toFixed(1)}%`,
      'RSS MB': s.rssMb,
      statement: s.label,
    })),
);
