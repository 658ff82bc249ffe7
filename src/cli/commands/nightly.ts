/**
 * `callq nightly [--date D] --input DIR --out DIR`: the cron job. Loads what is new in
 * DIR, computes the day (incrementally, or in full when what is new reaches other days),
 * detects the day's anomalies and renders the three reports into <out>/<day>/. What is new
 * is every load since the last nightly that finished, so a run that died after loading is
 * finished by the next one. A file that cannot be applied is reported and skipped (exit 3).
 * Re-running a day gives the same tables and reports: loaded files are skipped by their
 * sha256 and every step replaces what it owns. `--export FORMAT` also writes the derived
 * tables, the anomalies and the desk's cases as files into <out>/<day>/tables/.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseDay } from '../parse-day.ts';
import { LANGS } from '../../reports/i18n.ts';
import { EXPORT_FORMATS } from '../../export/export-formats.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerNightly(program: Command): void {
  program
    .command('nightly')
    .description('load what is new, compute, detect anomalies and render the reports of a day (for cron)')
    .requiredOption('--input <dir>', 'folder of input files named after their table')
    .option('--out <dir>', 'output folder; reports go to <out>/<day>/', 'out')
    .option('--date <day>', 'local day YYYY-MM-DD (default: yesterday in the configured timezone)', parseDay)
    .addOption(new Option('--lang <lang>', 'label language').choices([...LANGS]).default('en'))
    .option('--show-personal-data', "show full phone numbers and customers' comments (masked by default)")
    .addOption(
      new Option(
        '--export <format>',
        'also write the derived tables, anomalies and cases to <out>/<day>/tables/',
      ).choices([...EXPORT_FORMATS]),
    )
    .action(lazyAction(() => import('../actions/nightly.ts')));
}
