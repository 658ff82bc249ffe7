/**
 * `callq evaluate --labels FILE [--save]`: per-rule precision and recall of the anomalies in
 * the database. Read-only, unless --save keeps the result in rule_evaluation, where
 * rule_quality shows it beside the desk's own precision.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { lazyAction } from '../lazy-action.ts';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('precision and recall of each anomaly rule against a labels file (e.g. anomaly_labels.csv)')
    .requiredOption('--labels <file>', 'CSV with rule, entity_type, entity_id, day')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--save', "keep the result in the database (rule_evaluation), beside the desk's precision in rule_quality")
    .action(lazyAction(() => import('../actions/evaluate.ts')));
}
