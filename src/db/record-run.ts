/**
 * Records a job run in `runs` (docs/cli.md#runs): a row marked `running` when it starts, then
 * `done`, `rejects` or `failed` with its counts when it ends. The row is written outside
 * the job's own transaction, so a failed run is still on record.
 */
import type { Database } from './database.ts';
import { sql } from './sql.ts';

export type RunStatus = 'done' | 'rejects' | 'failed' | 'died';

export interface RunOutcome<T> {
  result: T;
  status?: RunStatus;
  counts?: Record<string, unknown>;
}

export interface Run {
  command: string;
  /** The day the run is for (null: every day, or none). */
  day: string | null;
}

export async function recordRun<T>(db: Database, { command, day }: Run, job: () => Promise<RunOutcome<T>>): Promise<T> {
  const runId = Number(await db.scalar("select nextval('run_id_seq')"));
  await db.exec(
    sql`insert into runs (run_id, command, day, started, status) values (${runId}, ${command}, ${day}::date, now(), 'running')`,
  );
  try {
    const outcome = await job();
    await finish(db, runId, { status: outcome.status ?? 'done', counts: outcome.counts ?? {} });
    return outcome.result;
  } catch (error) {
    const counts = { error: error instanceof Error ? error.message : String(error) };
    await finish(db, runId, { status: 'failed', counts }).catch(() => undefined);
    throw error;
  }
}

/**
 * Marks `died` the runs still `running`: called by a run that holds the write lock, so no
 * other run is alive to finish them (a killed process never updates its own row).
 */
export async function markDeadRuns(db: Database): Promise<Array<{ run_id: number; command: string; started: string }>> {
  const dead = await db.query<{ run_id: number; command: string; started: string }>(
    `update runs set status = 'died', finished = now() where status = 'running'
     returning run_id, command, strftime(started, '%Y-%m-%d %H:%M:%S') as started`,
  );
  return dead;
}

async function finish(
  db: Database,
  runId: number,
  { status, counts }: { status: RunStatus; counts: Record<string, unknown> },
): Promise<void> {
  await db.exec(
    sql`update runs set finished = now(), status = ${status}, counts = ${JSON.stringify(counts)}::json where run_id = ${runId}`,
  );
}
