/**
 * Runs a report's named queries (SQL files under queries/reports/) with bound parameters
 * and returns plain rows: integers and decimals as numbers (charts need numbers, and counts
 * in a report are far below 2^53), dates as 'YYYY-MM-DD', personal data masked. Doubles are
 * cut to 12 significant digits: DuckDB sums in parallel, so the last bits of a mean differ
 * from run to run, and a re-run must give the same page.
 */
import { DuckDBTypeId } from '@duckdb/node-api';
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { installMetricMacros } from '../metrics/macros.ts';
import { installStagingViews } from '../metrics/staging.ts';
import type { ReportLayout } from './report-layout.ts';
import { usedQueries } from './report-layout.ts';
import { bindNamed } from '../db/sql-params.ts';
import type { ReportParams } from './report-params.ts';
import { maskRows, type ReportRow } from './mask-personal-data.ts';

const NUMERIC_AS_TEXT = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

const DOUBLES = new Set<DuckDBTypeId>([DuckDBTypeId.DOUBLE, DuckDBTypeId.FLOAT]);

export interface QueryResult {
  columns: string[];
  rows: ReportRow[];
}
export type QueryResults = Record<string, QueryResult>;

export async function runReportQueries(
  db: Database,
  layout: ReportLayout,
  params: ReportParams,
  showPersonalData: boolean,
): Promise<QueryResults> {
  const results: QueryResults = {};
  for (const name of usedQueries(layout)) {
    const file = `reports/${layout.queries[name]}`;
    const { columns, rows } = await runQuery(db, file, params);
    results[name] = { columns, rows: maskRows(rows, showPersonalData) };
  }
  return results;
}

/**
 * The macros report queries use: the metric macros (safe_ratio, the formulas, the shrinkage
 * of the coaching page's audit sections) and the reports' own (agent_label,
 * intraday_intervals), installed once per connection.
 */
const REPORT_MACRO_FILES = ['macros/report_macros.sql', 'macros/intraday_macros.sql'] as const;
const withMacros = new WeakSet<Database>();

async function installMacros(db: Database): Promise<void> {
  // Staging views every time: a compute on the same connection drops its own.
  await installStagingViews(db);
  if (withMacros.has(db)) return;
  await installMetricMacros(db);
  for (const file of REPORT_MACRO_FILES) await db.exec(readQuery(file));
  withMacros.add(db);
}

export async function runQuery(db: Database, file: string, params: ReportParams): Promise<QueryResult> {
  await installMacros(db);
  const sql = readQuery(file);
  const source = `queries/${file}`;
  let reader: Awaited<ReturnType<typeof db.raw.runAndReadAll>>;
  try {
    reader = await db.raw.runAndReadAll(sql, bindNamed(sql, params, source));
  } catch (error) {
    const message = (error as Error).message;
    const missing = /Table with name (\w+) does not exist/.exec(message)?.[1];
    if (missing) {
      throw new Error(
        `${source} reads ${missing}, which is not in the database yet: run \`callq compute\` and \`callq anomalies\` first`,
      );
    }
    throw new Error(`report query ${source} failed: ${message.split('\n')[0]}`);
  }
  const columns = reader.columnNames();
  const types = reader.columnTypes();
  const numeric = columns.filter((_, i) => NUMERIC_AS_TEXT.has(types[i]!.typeId));
  const doubles = columns.filter((_, i) => DOUBLES.has(types[i]!.typeId));
  const rows = reader.getRowObjectsJson() as ReportRow[];
  for (const row of rows) {
    for (const column of numeric) {
      const value = row[column];
      if (typeof value === 'string') row[column] = Number(value);
    }
    for (const column of doubles) {
      const value = row[column];
      if (typeof value === 'number' && Number.isFinite(value)) row[column] = Number(value.toPrecision(12));
    }
  }
  return { columns, rows };
}
