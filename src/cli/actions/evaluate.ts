/** What `callq evaluate` does (its options: commands/evaluate.ts). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { formatRows, type OutputFormat } from '../format-rows.ts';
import { evaluateAnomalies } from '../../anomalies/evaluate.ts';
import { ensureCaseSchema } from '../../cases/case-schema.ts';
import { saveEvaluation } from '../../cases/rule-quality.ts';

export interface EvaluateOptions {
  labels: string;
  format: OutputFormat;
  save?: boolean;
}

export default async function evaluate(opts: EvaluateOptions, command: Command): Promise<void> {
  await withContext(
    command,
    async ({ db }) => {
      const rows = await evaluateAnomalies(db, opts.labels);
      if (opts.save) {
        await ensureCaseSchema(db);
        await saveEvaluation(db, rows, opts.labels);
      }
      const columns = ['rule', 'labelled', 'flagged', 'true_positives', 'precision', 'recall'];
      process.stdout.write(formatRows(columns, rows as unknown as Record<string, unknown>[], opts.format));
    },
    { readOnly: !opts.save },
  );
}
