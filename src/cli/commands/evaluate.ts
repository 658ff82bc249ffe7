/**
 * `callq evaluate --labels FILE [--save]`: per-rule precision and recall of the anomalies in
 * the database. Read-only, unless --save keeps the result in rule_evaluation, where
 * rule_quality shows it beside the desk's own precision.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext } from '../context.ts';
import { formatRows, type OutputFormat } from '../format-rows.ts';
import { evaluateAnomalies } from '../../anomalies/evaluate.ts';
import { ensureCaseSchema } from '../../cases/case-schema.ts';
import { saveEvaluation } from '../../cases/rule-quality.ts';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('precision and recall of each anomaly rule against a labels file (e.g. anomaly_labels.csv)')
    .requiredOption('--labels <file>', 'CSV with rule, entity_type, entity_id, day')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--save', 'keep the result in the database (rule_evaluation), beside the desk\'s precision in rule_quality')
    .action(async (opts: { labels: string; format: OutputFormat; save?: boolean }, command: Command) => {
      await withContext(command, async ({ db }) => {
        const rows = await evaluateAnomalies(db, opts.labels);
        if (opts.save) {
          await ensureCaseSchema(db);
          await saveEvaluation(db, rows, opts.labels);
        }
        const columns = ['rule', 'labelled', 'flagged', 'true_positives', 'precision', 'recall'];
        process.stdout.write(formatRows(columns, rows as unknown as Record<string, unknown>[], opts.format));
      }, { readOnly: !opts.save });
    });
}
