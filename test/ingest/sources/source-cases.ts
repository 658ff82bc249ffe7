/**
 * Test helpers for the source adapters: a fixture case is a folder of files in a phone
 * system's own layout and an `expected.json` whose rows and figures were worked out by hand
 * from the vendor's definitions (its `working` lists the arithmetic). A case is loaded
 * through the adapter into a fresh database in the case's time zone, computed, and read back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseConfig } from '../../../src/config/load-config.ts';
import type { Database } from '../../../src/db/database.ts';
import { sourceFiles } from '../../../src/ingest/discover-files.ts';
import type { FileLoadResult } from '../../../src/ingest/load-file.ts';
import { loadFiles } from '../../../src/ingest/load-files.ts';
import type { SourceName } from '../../../src/ingest/sources/source-adapter.ts';
import { computeMetrics } from '../../../src/metrics/compute.ts';
import { withDb } from '../../util/with-db.ts';

export const SOURCES_DIR = join(import.meta.dirname, '../../fixtures/sources');

export interface ExpectedCase {
  timezone: string;
  mapping?: Record<string, string> | null;
  calls?: Record<string, unknown>[];
  segments?: Record<string, unknown>[];
  skipped?: Record<string, number>;
  superseded?: number;
  missed_offers?: Record<string, number>;
  ctr_fixture?: string;
  metrics?: {
    center?: Record<string, Record<string, number | null>>;
    agents?: Record<string, { answered: number; handle_s_total: number }>;
    calls?: Record<string, Record<string, number | null>>;
  };
}

export function caseDir(source: SourceName, name: string): string {
  return join(SOURCES_DIR, source, name);
}

export function readExpected<T = ExpectedCase>(dir: string): T {
  return JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as T;
}

/** The case's input files (everything but expected.json), in the folder's order. */
export function inputsOf(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .filter((name) => name !== 'expected.json')
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Loads files through an adapter; every result of every file, in order. */
export async function loadSource(
  db: Database,
  source: SourceName,
  paths: string[],
  expected: Pick<ExpectedCase, 'timezone' | 'mapping'>,
): Promise<FileLoadResult[]> {
  const config = parseConfig({ timezone: expected.timezone });
  const { files } = sourceFiles(source, paths);
  const mapping = expected.mapping
    ? { calls: Object.fromEntries(Object.entries(expected.mapping).map(([canonical, path]) => [path, canonical])) }
    : undefined;
  const summary = await loadFiles(db, files, { config, mapping, maxRejectShare: 1 });
  return summary.files;
}

export async function computeCase(db: Database, timezone: string): Promise<void> {
  await computeMetrics(db, parseConfig({ timezone }));
}

/** Runs fn on a fresh database in the case's zone. */
export function inCaseDb<T>(expected: Pick<ExpectedCase, 'timezone'>, fn: (db: Database) => Promise<T>): Promise<T> {
  return withDb(fn, expected.timezone);
}

const TIMESTAMPS = new Set(['started_at', 'answered_at', 'ended_at']);

/** The calls table as the expected rows spell them: instants as epoch ms, only the keys the case names. */
export async function expectCalls(db: Database, calls: Record<string, unknown>[]): Promise<void> {
  const keys = Object.keys(calls[0] ?? { call_id: null });
  const rows = await db.queryJs(`select ${keys.map((k) => `"${k}"`).join(', ')} from calls order by call_id`);
  const normalise = (row: Record<string, unknown>) =>
    Object.fromEntries(
      keys.map((k) => {
        const v = row[k];
        if (TIMESTAMPS.has(k) && v !== null) return [k, v instanceof Date ? v.getTime() : Date.parse(String(v))];
        return [k, typeof v === 'bigint' ? Number(v) : (v ?? null)];
      }),
    );
  const byId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    String(a.call_id).localeCompare(String(b.call_id));
  expect(rows.map(normalise).sort(byId)).toEqual(calls.map(normalise).sort(byId));
}

export async function expectSegments(db: Database, segments: Record<string, unknown>[]): Promise<void> {
  const rows = await db.queryJs('select call_id, speaker, start_ms, end_ms, text from segments');
  const key = (s: Record<string, unknown>) =>
    `${s.call_id}|${s.speaker}|${Number(s.start_ms)}|${Number(s.end_ms)}|${s.text ?? ''}`;
  expect(rows.map(key).sort()).toEqual(segments.map(key).sort());
}

/** Each file's skipped counts added up, with superseded copies, as the case lists them (non-zero only). */
export function expectSkipped(results: FileLoadResult[], expected: ExpectedCase): void {
  const total: Record<string, number> = {};
  for (const r of results) {
    for (const [reason, n] of Object.entries(r.source?.report.skipped ?? {}))
      if (n > 0) total[reason] = (total[reason] ?? 0) + n;
  }
  const want = { ...expected.skipped, ...(expected.superseded ? { superseded: expected.superseded } : {}) };
  expect(total).toEqual(want);
}

export async function expectMetrics(db: Database, metrics: NonNullable<ExpectedCase['metrics']>): Promise<void> {
  for (const [day, want] of Object.entries(metrics.center ?? {})) {
    const [got] = await db.queryJs(
      `select service_level, asa_s, abandon_rate, aht_s from center_daily where day = $1::date`,
      [day],
    );
    expect(got, `center_daily ${day}`).toBeDefined();
    for (const [measure, value] of Object.entries(want)) expectClose(got![measure], value, `center ${day} ${measure}`);
  }
  for (const [agent, want] of Object.entries(metrics.agents ?? {})) {
    const [got] = await db.queryJs(
      `select count(*) filter (where answered) as answered, sum(handle_s) filter (where answered) as handle_s_total from call_facts where agent_id = $1`,
      [agent],
    );
    expect({ answered: Number(got!.answered), handle_s_total: Number(got!.handle_s_total) }, `agent ${agent}`).toEqual(
      want,
    );
  }
  for (const [callId, want] of Object.entries(metrics.calls ?? {})) {
    const [got] = await db.queryJs(
      'select agent_talk_ms, customer_talk_ms, talk_ratio from call_facts where call_id = $1',
      [callId],
    );
    for (const [measure, value] of Object.entries(want)) expectClose(got![measure], value, `call ${callId} ${measure}`);
  }
}

function expectClose(got: unknown, want: number | null, what: string): void {
  if (want === null) expect(got ?? null, what).toBeNull();
  else expect(Number(got), what).toBeCloseTo(want, 9);
}

export async function expectMissedOffers(db: Database, missed: Record<string, number>): Promise<void> {
  const rows = await db.queryJs('select agent_id, count(*) as n from missed_offers group by agent_id');
  expect(Object.fromEntries(rows.map((r) => [r.agent_id, Number(r.n)]))).toEqual(missed);
}

/** Loads a whole case and checks every part the expected.json names. */
export async function checkCase(source: SourceName, dir: string): Promise<void> {
  const expected = readExpected(dir);
  await inCaseDb(expected, async (db) => {
    if (expected.ctr_fixture)
      await loadSource(
        db,
        'amazon-connect-ctr',
        inputsOf(join(SOURCES_DIR, '../../..', expected.ctr_fixture)),
        expected,
      );
    const results = await loadSource(db, source, inputsOf(dir), expected);
    if (expected.calls?.length) await expectCalls(db, expected.calls);
    if (expected.segments?.length) await expectSegments(db, expected.segments);
    expectSkipped(results, expected);
    if (expected.missed_offers) await expectMissedOffers(db, expected.missed_offers);
    if (expected.metrics) {
      await computeCase(db, expected.timezone);
      await expectMetrics(db, expected.metrics);
    }
  });
}
