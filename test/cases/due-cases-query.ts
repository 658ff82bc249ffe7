/**
 * The nightly report's due-cases query (queries/reports/nightly/due_cases.sql) run on its
 * own, typed, for the desk tests: confirmed cases awaiting their action and rewards to give,
 * overdue first. (The report runs it as one of its queries.)
 */
import type { Database } from '../../src/db/database.ts';
import { readQuery } from '../../src/db/sql-files.ts';
import { installStagingViews } from '../../src/metrics/staging.ts';

export interface DueCase {
  case_id: number;
  deadline: 'overdue' | 'due_today';
  days_overdue: number;
  due: string;
  verdict: 'confirmed' | 'reward';
  rule: string;
  entity_type: string;
  entity_id: string;
  /** The subject as the reports name it: an agent as 'Name (A01)', another subject by its id. */
  entity: string;
  /** The report that lists the case: coaching.html (rewards) or anomalies.html. */
  page: string;
  state: string;
  peak_severity: string | null;
  peak_severity_rank: number;
  peak_score: number;
  first_seen: string;
  last_seen: string;
  reviewed_by: string | null;
}

/** `day`: YYYY-MM-DD. A database without cases has none due. */
export async function dueCases(db: Database, day: string): Promise<DueCase[]> {
  if (!(await db.tableExists('anomaly_cases'))) return [];
  // The query names agents with the reports' agent_label.
  await db.exec(readQuery('macros/report_macros.sql'));
  await installStagingViews(db);
  const rows = await db.query(readQuery('reports/nightly/due_cases.sql'), { day });
  return rows.map((r) => ({ ...r, days_overdue: Number(r.days_overdue) }) as unknown as DueCase);
}
