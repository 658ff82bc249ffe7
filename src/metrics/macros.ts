/**
 * The metric macros (safe_ratio, exact, the formulas used at several grains such as
 * talk_ratio and aht, the empirical-Bayes shrinkage), temp macros installed on a connection
 * before the models run (compute) and before the anomaly rules run, which apply the same
 * formulas over their windows.
 */
import type { Database } from '../db/database.ts';
import { readQuery } from '../db/sql-files.ts';

const MACRO_FILES = ['macros/metric_macros.sql', 'macros/shrinkage_macros.sql'] as const;

export async function installMetricMacros(db: Database): Promise<void> {
  for (const file of MACRO_FILES) await db.exec(readQuery(file));
}
