/** `callq evaluate --labels FILE`: per-rule precision and recall of the anomalies in the database. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { withContext } from '../context.ts';
import { formatRows, type OutputFormat } from '../format-rows.ts';
import { evaluateAnomalies } from '../../anomalies/evaluate.ts';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('precision and recall of each anomaly rule against a labels file (e.g. anomaly_labels.csv)')
    .requiredOption('--labels <file>', 'CSV with rule, entity_type, entity_id, day')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (opts: { labels: string; format: OutputFormat }, command: Command) => {
      await withContext(command, async ({ db }) => {
        const rows = await evaluateAnomalies(db, opts.labels);
        const columns = ['rule', 'labelled', 'flagged', 'true_positives', 'precision', 'recall'];
        process.stdout.write(formatRows(columns, rows as unknown as Record<string, unknown>[], opts.format));
      }, { readOnly: true });
    });
}
