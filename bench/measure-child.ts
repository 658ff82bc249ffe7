/**
 * Runs one measured step in its own process, so each gets a clean heap and its own peak
 * RSS (the DuckDB buffers live in this process too). Prints one JSON line: {ms, maxRssMb}.
 * Usage: tsx bench/measure-child.ts STEP DB_FILE DATA_DIR [DAY]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../src/db/database.ts';
import { ensureSchema } from '../src/ingest/canonical-schema.ts';
import { loadFiles } from '../src/ingest/load-files.ts';
import { sqlString } from '../src/ingest/staging-sql.ts';

const [step, dbFile, dataDir] = process.argv.slice(2) as [string, string, string];
const steps: Record<string, (db: Database) => Promise<void>> = {
  // Baseline: DuckDB reading the same files with no validation, no keys, no rejects.
  async 'raw-load'(db) {
    for (const table of ['calls', 'segments']) {
      await db.exec(`create table ${table} as select * from read_csv(${sqlString(join(dataDir, `${table}.csv`))})`);
    }
  },
  async 'callq-load'(db) {
    await ensureSchema(db);
    await loadFiles(
      db,
      ['calls', 'segments'].map((table) => ({ table: table as 'calls' | 'segments', path: join(dataDir, `${table}.csv`), format: 'csv' as const })),
      { maxRejectShare: 0.01 },
    );
  },
};

const run = steps[step];
if (!run) throw new Error(`unknown step ${step}`);
if (step.endsWith('-load')) rmSync(dbFile, { force: true });
const db = await Database.open(dbFile, { timezone: 'Asia/Shanghai' });
const t0 = performance.now();
await run(db);
await db.exec('checkpoint');
const ms = performance.now() - t0;
db.close();
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
