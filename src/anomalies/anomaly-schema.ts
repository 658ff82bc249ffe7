/** Creates the anomalies table (if missing) and the temp macros the rule queries share. */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';

export async function ensureAnomalySchema(db: Database): Promise<void> {
  await db.exec(readQuery('schema/anomalies.sql'));
  await db.exec(readQuery('macros/anomaly_macros.sql'));
}
