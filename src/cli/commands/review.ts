/**
 * `callq review CASE_ID --verdict V --by NAME [--note TEXT] [--due D]` and `callq review
 * --file sheet.csv`: the desk's verdicts on cases (docs/audit-desk.md). A sheet is applied
 * whole or not at all: every bad line is listed as `sheet.csv:LINE: reason` (exit 2) and
 * nothing of it is written. The database is opened for writing, so a review made while a
 * nightly runs waits for it (--wait) or says in one line that the database is in use.
 */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { parseDay } from '../parse-day.ts';
import { caseNumber, VERDICTS } from '../../cases/verdicts.ts';
import { lazyAction } from '../lazy-action.ts';

export function registerReview(program: Command): void {
  program
    .command('review')
    .description("record the desk's verdict on a case, or on each case of a filled-in review sheet")
    .argument('[case-id]', 'the case (a case_id of anomaly_cases)', parseCaseId)
    .addOption(new Option('--verdict <verdict>', 'the verdict').choices([...VERDICTS]))
    .option('--note <text>', 'why (kept with the verdict in case_events)')
    .option('--by <name>', 'who reviewed it')
    .option(
      '--due <day>',
      'deadline YYYY-MM-DD instead of action_due_days (confirmed) or reward_due_days (reward)',
      parseDay,
    )
    .option('--file <sheet>', 'a review sheet (CSV with case_id, verdict, note, by), applied whole or not at all')
    .action(lazyAction(() => import('../actions/review.ts')));
}

function parseCaseId(text: string): number {
  const caseId = caseNumber(text);
  if (caseId === null) throw new InvalidArgumentError(`expected a case number, got "${text}"`);
  return caseId;
}
