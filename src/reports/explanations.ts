/**
 * The anomaly explanations of a report's query results, written in the report's language:
 * a result with a finding's `rule` and `explanation_args` (its facts) gets the column
 * `explanation` in their place, so tables, links and CSV files read the sentence.
 */
import { explain } from '../anomalies/explain.ts';
import type { Translator } from './i18n.ts';
import type { QueryResults } from './run-report-queries.ts';

export function writeExplanations(results: QueryResults, tr: Translator): void {
  for (const result of Object.values(results)) {
    if (!result.columns.includes('explanation_args') || !result.columns.includes('rule')) continue;
    result.columns = result.columns.map((c) => (c === 'explanation_args' ? 'explanation' : c));
    result.rows = result.rows.map(({ explanation_args, ...row }) => ({
      ...row,
      explanation: explain(String(row.rule), explanation_args as string | null, tr),
    }));
  }
}
