/**
 * Test helpers for the metric models: hand-written rows go straight into the canonical
 * tables as SQL value tuples (a timestamp without offset is local time in the session zone),
 * compute runs with the default config in that zone, and rows come back as plain JS values.
 */
import type { Database } from '../../src/db/database.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import { computeMetrics, type ComputeOptions, type ComputeResult } from '../../src/metrics/compute.ts';
import { TALK_LISTEN_COLUMNS } from '../../bench/talk-listen.ts';

/** insertValues(db, 'calls', 'call_id, direction', `('c1', 'inbound'), ('c2', 'outbound')`) */
export async function insertValues(db: Database, table: string, columns: string, tuples: string): Promise<void> {
  await db.exec(
    `insert into ${table} by name
     select *, 0 as load_id, 0 as source_line from (values ${tuples}) as fixture(${columns})`,
  );
}

/** Compute with the default config in the database's zone, plus any overrides. */
export async function compute(
  db: Database,
  options: ComputeOptions & { config?: object } = {},
): Promise<ComputeResult> {
  const timezone = await db.scalar<string>("select current_setting('TimeZone')");
  const config = parseConfig({ timezone, ...options.config });
  return computeMetrics(db, config, options);
}

/** Rows as plain values: bigints become numbers. Select dates as varchar to compare text. */
export async function rows(db: Database, sql: string): Promise<Record<string, unknown>[]> {
  const result = await db.queryJs(sql);
  return result.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );
}

/** The one row of a query (fails the test when there is not exactly one). */
export async function row(db: Database, sql: string): Promise<Record<string, unknown>> {
  const result = await rows(db, sql);
  if (result.length !== 1) throw new Error(`expected one row, got ${result.length}: ${sql}`);
  return result[0]!;
}

/** A timeline drawn by hand: calls and segments as value tuples (see insertValues). */
export interface Timeline {
  /** Tuples of (call_id, direction, agent_id, started_at, answered_at, ended_at). */
  calls: string;
  /** Tuples of (call_id, speaker, start_ms, end_ms). */
  segments: string;
}

/** The talk-listen measures of call_facts by call_id, after a compute of the timeline. */
export async function talkListenByCall(db: Database, { calls, segments }: Timeline): Promise<Record<string, unknown>> {
  await insertValues(db, 'calls', 'call_id, direction, agent_id, started_at, answered_at, ended_at', calls);
  await insertValues(db, 'segments', 'call_id, speaker, start_ms, end_ms', segments);
  await compute(db);
  const facts = await rows(db, `select call_id, ${TALK_LISTEN_COLUMNS.join(', ')} from call_facts order by call_id`);
  return Object.fromEntries(facts.map(({ call_id, ...measures }) => [call_id, measures]));
}
