/**
 * Rebuilds the audit desk's cases from the findings (docs/audit-desk.md), after every
 * detection and inside its transaction: a run that fails or is killed leaves findings and
 * cases as they were together, and the reports of a nightly never see findings without
 * their cases. Every case is recomputed from every finding (anomalies holds thousands of
 * rows, not millions), then matched to the stored cases so ids, verdicts and history stay;
 * what changed is appended to case_events. The steps are the SQL files of queries/cases/.
 */
import type { Database } from '../db/database.ts';
import type { Config } from '../config/config-schema.ts';
import { readQuery } from '../db/sql-files.ts';
import { bindNamed } from '../db/sql-params.ts';
import { pickRecognitions } from './recognition.ts';
import { refreshRuleQuality } from './rule-quality.ts';

/** The temp tables of a rebuild, in the order they are built (each reads the ones before). */
const STEPS = ['case_finding_days', 'case_fences', 'case_days', 'case_islands', 'case_matches', 'case_next'] as const;

export interface CaseSummary {
  /** The latest day detected: states are judged as of it. */
  asOf: string;
  /** Cases by state after the rebuild (merged ones left out). */
  states: Record<'new' | 'ongoing' | 'reopened' | 'cleared', number>;
  /** Recognition picks of the day. */
  recognitions: number;
}

/**
 * `lastDay`: the last day of the detection that ran (its range's end). Runs inside the
 * caller's transaction (a failure rolls back its temp tables with the rest) and needs the
 * anomaly and case tables (ensureAnomalySchema, ensureCaseSchema).
 */
export async function refreshCases(db: Database, config: Config, lastDay: string): Promise<CaseSummary> {
  const recognitions = await pickRecognitions(db, config, lastDay);
  const values = {
    as_of: await judgedAsOf(db, lastDay),
    case_gap_days: config.case_gap_days,
    case_reopen_days: config.case_reopen_days,
    snooze_margin: config.snooze_margin,
    reward_due_days: config.reward_due_days,
  };
  const bound = (file: string) => {
    const sql = readQuery(`cases/${file}.sql`);
    return { sql, params: bindNamed(sql, values, `queries/cases/${file}.sql`) };
  };
  for (const step of STEPS) {
    const { sql, params } = bound(step);
    await db.exec(`create or replace temp table ${step} as ${sql}`, params);
  }
  // The events compare case_next with the cases as stored, so they go first.
  const events = bound('case_rebuild_events');
  await db.insertSelect('case_events', events.sql, events.params);
  await db.exec(readQuery('cases/case_update.sql'));
  await db.insertSelect('anomaly_cases', readQuery('cases/case_insert.sql'));
  for (const step of [...STEPS].reverse()) await db.exec(`drop table temp.${step}`);
  await refreshRuleQuality(db);
  return { asOf: values.as_of, states: await stateCounts(db), recognitions };
}

/**
 * States are judged as of the latest day detected so far: re-detecting an old day
 * (`anomalies --date`) does not move the desk back in time.
 */
async function judgedAsOf(db: Database, lastDay: string): Promise<string> {
  const day = await db.scalar<string>(
    `select strftime(greatest(cast($last_day as date), (select max(as_of) from anomaly_cases),
       (select max(day) from anomalies), (select max(day) from recognition_picks)), '%Y-%m-%d')`,
    { last_day: lastDay },
  );
  return day ?? lastDay;
}

async function stateCounts(db: Database): Promise<CaseSummary['states']> {
  const rows = await db.query<{ state: string; n: number }>(
    "select state, count(*)::integer as n from anomaly_cases where state <> 'merged' group by state",
  );
  const states = { new: 0, ongoing: 0, reopened: 0, cleared: 0 };
  for (const { state, n } of rows) if (state in states) states[state as keyof typeof states] = n;
  return states;
}
