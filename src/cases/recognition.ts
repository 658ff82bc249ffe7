/**
 * The recognition list: the agents at the top of the trainer ranking (agent_window's
 * shrunk composite, as the coaching report ranks them) on a detected day, kept in
 * recognition_picks. The case rebuild raises them as 'recognition' cases with the verdict
 * reward, due reward_due_days later. Like a window rule, a run owns the picks of its last
 * day: they are deleted and written again, so a re-run gives the same picks.
 */
import type { Database } from '../db/database.ts';
import type { Config } from '../config/config-schema.ts';
import { readQuery } from '../db/sql-files.ts';
import { bindNamed } from '../db/sql-params.ts';

/** Picks the day's top agents; returns how many. Without agent_window (no compute yet) none. */
export async function pickRecognitions(db: Database, config: Config, day: string): Promise<number> {
  await db.exec('delete from recognition_picks where day = cast($day as date)', { day });
  if (config.recognition_top === 0 || !(await db.tableExists('agent_window'))) return 0;
  const sql = readQuery('cases/recognition_picks.sql');
  const params = bindNamed(
    sql,
    { day, recognition_top: config.recognition_top },
    'queries/cases/recognition_picks.sql',
  );
  return db.insertSelect('recognition_picks', sql, params);
}
