/** Test helper: a fresh in-memory DuckDB with the callq schema, closed after the test. */
import { Database } from '../../src/db/database.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';

export async function withDb<T>(fn: (db: Database) => Promise<T>, timezone = 'UTC'): Promise<T> {
  const db = await Database.open(':memory:', { timezone });
  try {
    await ensureSchema(db);
    return await fn(db);
  } finally {
    db.close();
  }
}
