/**
 * Runs the enabled rules for one day or for every day of the data, in one transaction:
 * the rows the run owns (a day rule's rows on the run's days, a window rule's rows on its
 * last day) are deleted and written anew, so a re-run gives the same rows and no
 * duplicates. Rules that need derived tables not computed yet are skipped and named.
 * The audit desk's cases are rebuilt from the findings in the same transaction.
 */
import type { Database, Params } from '../db/database.ts';
import type { Config } from '../config/config-schema.ts';
import { readQuery } from '../db/sql-files.ts';
import { installStagingViews } from '../metrics/staging.ts';
import { RULES, type RuleDefinition } from './rules.ts';
import { bindNamed } from '../db/sql-params.ts';
import { ruleValues, type DayRange } from './rule-params.ts';
import { dataDayRange } from './data-days.ts';
import { ensureAnomalySchema } from './anomaly-schema.ts';
import { refreshCases, type CaseSummary } from '../cases/refresh-cases.ts';
import { ensureCaseSchema } from '../cases/case-schema.ts';

export interface DetectOptions {
  /** Local day YYYY-MM-DD; every day in the data when absent. */
  day?: string;
  onRule?: (rule: string, index: number, total: number) => void;
}

export interface DetectResult {
  range: DayRange | null;
  /** Rows written per rule that ran. */
  counts: Record<string, number>;
  /** Rules left out because a derived table they read is missing. */
  skipped: Array<{ rule: string; missing: string[] }>;
  /** The cases after the run (absent when there is no data). */
  cases?: CaseSummary;
}

export async function detectAnomalies(
  db: Database,
  config: Config,
  options: DetectOptions = {},
): Promise<DetectResult> {
  await ensureAnomalySchema(db);
  await ensureCaseSchema(db);
  const range = options.day ? { from: options.day, to: options.day, allDays: false } : await dataDayRange(db);
  const result: DetectResult = { range, counts: {}, skipped: [] };
  if (!range) return result;

  const runnable: RuleDefinition[] = [];
  for (const rule of RULES) {
    if (!config.anomalies[rule.name].enabled) continue;
    const missing: string[] = [];
    for (const table of rule.needs) if (!(await db.tableExists(table))) missing.push(table);
    if (missing.length > 0) result.skipped.push({ rule: rule.name, missing });
    else runnable.push(rule);
  }

  await installStagingViews(db);
  await db.transaction(async () => {
    for (const [index, rule] of runnable.entries()) {
      options.onRule?.(rule.name, index, runnable.length);
      await clearOwnRows(db, rule, range);
      const sql = readQuery(`anomalies/${rule.name}.sql`);
      const params = bindNamed(sql, ruleValues(config, rule.name, range), `queries/anomalies/${rule.name}.sql`);
      await db.insertSelect('anomalies', `select * from (\n${sql}\n)`, params);
      result.counts[rule.name] = Number(
        await db.scalar(
          `select count(*) from anomalies where rule = $rule and ${ownedRows(rule)}`,
          ownedParams(rule, range),
        ),
      );
    }
    result.cases = await refreshCases(db, config, range.to);
  });
  return result;
}

/** The rows a run over `range` owns for a rule (SQL over $from, $to, $all_days). */
function ownedRows(rule: RuleDefinition): string {
  if (rule.scope === 'window') return 'day = cast($to as date)';
  return '(day between cast($from as date) and cast($to as date) or (day is null and $all_days))';
}

function ownedParams(rule: RuleDefinition, range: DayRange): Params {
  if (rule.scope === 'window') return { rule: rule.name, to: range.to };
  return { rule: rule.name, from: range.from, to: range.to, all_days: range.allDays };
}

async function clearOwnRows(db: Database, rule: RuleDefinition, range: DayRange): Promise<void> {
  await db.exec(`delete from anomalies where rule = $rule and ${ownedRows(rule)}`, ownedParams(rule, range));
}
