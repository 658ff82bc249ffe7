/**
 * `callq generate`: a synthetic contact centre with labelled anomalies (docs/cli.md#generate), the
 * same files byte for byte for the same arguments; with --source, also its calls as phone
 * systems export them (src/generate/sources/).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { SOURCE_NAMES } from '../../ingest/sources/source-adapter.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerGenerate(program: Command): void {
  const format = (flag: string, what: string) => new Option(`--${flag} <format>`, what).choices(['csv', 'parquet']);
  program
    .command('generate')
    .description('write a synthetic contact centre with labelled anomalies (anomaly_labels.csv)')
    .requiredOption('--seed <n>', 'random seed (same arguments give the same files)')
    .requiredOption('--days <n>', 'days of data')
    .requiredOption('--agents <n>', 'number of agents (split over 3 teams)')
    .requiredOption('--out <dir>', 'output folder')
    .addOption(format('format', 'file format of every table').default('csv'))
    .addOption(format('segments-format', 'file format of segments (default: --format)'))
    .option('--end <date>', 'last day of data, YYYY-MM-DD (default: yesterday in UTC)')
    .option(
      '--source <names>',
      `also write the calls as a phone system's export into <out>/sources/<name>/ (${SOURCE_NAMES.join(', ')}; repeat or comma-separate)`,
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .action(lazyAction(() => import('../actions/generate.ts')));
}
