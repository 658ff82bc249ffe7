/** Creates the audit desk's tables (queries/schema/cases.sql) when they are missing. */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';

export async function ensureCaseSchema(db: Database): Promise<void> {
  await db.exec(readQuery('schema/cases.sql'));
}
