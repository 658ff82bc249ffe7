/**
 * Test helpers for the source round trip: a generated centre loaded from its canonical
 * files or from a phone system's export of it (with the canonical files of the tables the
 * export does not hold), run through compute, anomalies and reports; then the derived tables
 * of the two compared measure by measure.
 */
import { join } from 'node:path';
import { detectAnomalies } from '../../src/anomalies/detect.ts';
import type { Config } from '../../src/config/config-schema.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { readMapping } from '../../src/ingest/column-mapping.ts';
import type { TableName } from '../../src/ingest/contracts.ts';
import { discoverFiles, sortForLoad, sourceFiles } from '../../src/ingest/discover-files.ts';
import type { FileLoadResult } from '../../src/ingest/load-file.ts';
import { loadFiles } from '../../src/ingest/load-files.ts';
import type { SourceName } from '../../src/ingest/sources/source-adapter.ts';
import { computeMetrics } from '../../src/metrics/compute.ts';
import { renderReports } from '../../src/reports/render-reports.ts';

/** What one side of the round trip loads from a generated folder. */
export interface LoadPlan {
  dir: string;
  /** Tables loaded from their canonical files. */
  canonical: readonly TableName[];
  /** Exports loaded from `<dir>/sources/<name>/`. */
  sources: readonly SourceName[];
  /** The config to load and compute with (default: the generated callq.config.json). */
  configFile?: string;
  /** `--map` for the sources. */
  mappingFile?: string;
}

export function planConfig(plan: LoadPlan): Config {
  return loadConfig(plan.configFile ?? join(plan.dir, 'callq.config.json'));
}

/** Loads the plan's files, then runs compute → anomalies → reports (into reportsDir) as `callq nightly` does. */
export async function loadAndRun(db: Database, plan: LoadPlan, reportsDir: string): Promise<FileLoadResult[]> {
  const config = planConfig(plan);
  const canonical = discoverFiles(plan.dir).files.filter((f) => plan.canonical.includes(f.table));
  const exported = plan.sources.flatMap((source) => sourceFiles(source, [join(plan.dir, 'sources', source)]).files);
  const mapping = plan.mappingFile ? readMapping(plan.mappingFile) : undefined;
  const { files } = await loadFiles(db, sortForLoad([...canonical, ...exported]), {
    config,
    mapping,
    maxRejectShare: 1,
  });
  await computeMetrics(db, config);
  await detectAnomalies(db, config);
  await renderReports(db, config, { outDir: reportsDir, now: new Date('2026-11-22T02:30:00Z') });
  return files;
}

/** A database loaded and run once for several tests (close it in afterAll). */
export async function openCentre(plan: LoadPlan, reportsDir: string): Promise<Database> {
  const db = await Database.open(':memory:', { timezone: planConfig(plan).timezone });
  await ensureSchema(db);
  await loadAndRun(db, plan, reportsDir);
  return db;
}

/** Columns of a derived table (or any relation), on the rows a format carries, matched by key. */
export interface Measures {
  table: string;
  key: readonly string[];
  /** The columns, or every column of the canonical side's table but these (and the key). */
  columns: readonly string[] | { allBut: readonly string[] };
  /** SQL condition choosing the rows compared, the same rows on both sides (default: all). */
  where?: string;
}

type Cell = string | number | boolean | null;

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return v as Cell;
}

async function columnsOf(db: Database, m: Measures): Promise<readonly string[]> {
  if (!('allBut' in m.columns)) return m.columns;
  const { allBut } = m.columns;
  const described = await db.query<{ column_name: string }>(`describe ${m.table}`);
  return described.map((c) => c.column_name).filter((c) => !m.key.includes(c) && !allBut.includes(c));
}

/** The rows as key text → cells. */
async function measuredRows(db: Database, m: Measures, columns: readonly string[]): Promise<Map<string, Cell[]>> {
  const list = [...m.key, ...columns].map((c) => `"${c}"`).join(', ');
  const rows = await db.queryJs(`select ${list} from ${m.table} where ${m.where ?? 'true'}`);
  return new Map(rows.map((r) => [JSON.stringify(m.key.map((k) => cell(r[k]))), columns.map((c) => cell(r[c]))]));
}

/** Equal, up to the float noise of summing the same numbers in another order. */
function same(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/** Every difference between the two sides on these measures (at most `limit`), one readable line each. */
export async function measureDifferences(
  canonical: Database,
  exported: Database,
  m: Measures,
  limit = 20,
): Promise<string[]> {
  const columns = await columnsOf(canonical, m);
  const want = await measuredRows(canonical, m, columns);
  const got = await measuredRows(exported, m, columns);
  const out: string[] = [];
  // A comparison of nothing would pass whatever the export did.
  if (want.size === 0) out.push(`${m.table}: no canonical rows where ${m.where ?? 'true'}`);
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const a = want.get(key);
    const b = got.get(key);
    if (!a || !b) out.push(`${m.table} ${key}: only on the ${a ? 'canonical' : 'export'} side`);
    else
      for (const [i, c] of columns.entries()) {
        if (!same(a[i]!, b[i]!)) out.push(`${m.table} ${key} ${c}: canonical ${a[i]}, export ${b[i]}`);
      }
  }
  return out.slice(0, limit);
}
