/**
 * callq's talk-listen step on the files of make-diarisation.ts: the step's two inputs become
 * views over the CSVs (stg_segments over segments.csv, int_calls_measured over calls.csv),
 * then the step's models run as `callq compute` runs them: int_segments_clipped a view,
 * int_talk_listen a temp table.
 */
import { join } from 'node:path';
import type { Database } from '../src/db/database.ts';
import { readQuery } from '../src/db/sql-files.ts';
import { FULL_SCOPE, bindScope } from '../src/metrics/compute-scope.ts';
import { installMetricMacros } from '../src/metrics/macros.ts';
import { MODELS } from '../src/metrics/models.ts';
import { sqlString } from '../src/db/sql.ts';

/** The four basic measures (and the ratio made of them), then the three extra ones. */
export const BASIC_MEASURES = ['agent_talk_ms', 'customer_talk_ms', 'overlap_ms', 'silence_ms', 'talk_ratio'] as const;
export const TALK_LISTEN_COLUMNS = [...BASIC_MEASURES, 'interruptions', 'longest_monologue_ms', 'greeting_ms'] as const;

export async function talkListenInputs(db: Database, dataDir: string): Promise<void> {
  await installMetricMacros(db);
  await bindScope(db, FULL_SCOPE);
  await db.exec(`create or replace temp view stg_segments as
    select * from read_csv(${sqlString(join(dataDir, 'segments.csv'))}, header = true,
      columns = {'call_id': 'varchar', 'speaker': 'varchar', 'start_ms': 'bigint', 'end_ms': 'bigint'})`);
  await db.exec(`create or replace temp view int_calls_measured as
    select * from read_csv(${sqlString(join(dataDir, 'calls.csv'))}, header = true,
      columns = {'call_id': 'varchar', 'day': 'date', 'answered': 'boolean', 'connected_ms': 'bigint'})`);
}

/**
 * The step itself, on inputs already in place. Given `measures`, int_talk_listen keeps only
 * those columns: DuckDB then leaves out the aggregates of the others.
 */
export async function talkListenStep(db: Database, measures?: readonly string[]): Promise<void> {
  for (const name of ['int_segments_clipped', 'int_talk_listen']) {
    const model = MODELS.find((m) => m.name === name)!;
    const sql =
      measures && name === 'int_talk_listen'
        ? `select call_id, ${measures.join(', ')} from (${readQuery(model.file)})`
        : readQuery(model.file);
    await db.exec(`create or replace temp ${model.materialized === 'view' ? 'view' : 'table'} ${name} as ${sql}`);
  }
}
