/**
 * Creates the anomalies table (if missing) and the temp macros the rule queries share (the
 * rules' own, and the metric macros, so a rule computes a measure over its window with the
 * measure's formula), and brings a table made before findings stored their facts
 * (explanation_args) up to date.
 */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';
import { installMetricMacros } from '../metrics/macros.ts';

export async function ensureAnomalySchema(db: Database): Promise<void> {
  await db.exec(readQuery('schema/anomalies.sql'));
  if (await hasSentenceColumn(db)) {
    await db.exec(readQuery('schema/anomalies_explanation_args.sql'));
  }
  await db.exec(readQuery('macros/anomaly_macros.sql'));
  await installMetricMacros(db);
}

/** Whether the anomalies table still has the English `explanation` of databases made before. */
async function hasSentenceColumn(db: Database): Promise<boolean> {
  const n = await db.scalar<bigint | number>(
    `select count(*) from duckdb_columns()
     where table_name = 'anomalies' and column_name = 'explanation' and not internal and schema_name = 'main'`,
  );
  return Number(n) > 0;
}
