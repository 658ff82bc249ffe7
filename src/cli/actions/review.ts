/** What `callq review` does (its options: commands/review.ts). */
import type { Command } from 'commander';
import { withContext } from '../context.ts';
import { UsageError } from '../../errors/usage-error.ts';
import { localToday } from '../local-day.ts';
import { recordRun } from '../../db/record-run.ts';
import { ensureCaseSchema } from '../../cases/case-schema.ts';
import { applyReviews, reviewProblems, type AppliedReview } from '../../cases/apply-reviews.ts';
import { readReviewSheet } from '../../cases/review-sheet.ts';
import { VERDICTS_WITH_DEADLINE, type Review, type ReviewProblem, type Verdict } from '../../cases/verdicts.ts';

interface ReviewOptions {
  verdict?: Verdict;
  note?: string;
  by?: string;
  due?: string;
  file?: string;
}

export default async function review(caseId: number | undefined, opts: ReviewOptions, command: Command): Promise<void> {
  // Read before the database is opened: a sheet that cannot be read at all (no file, a
  // column missing) fails at once instead of after waiting for a lock.
  const input = opts.file
    ? sheetReviews(caseId, opts, opts.file)
    : { reviews: [commandLineReview(caseId, opts)], problems: [] };
  await withContext(command, async ({ db, config, say }) => {
    await ensureCaseSchema(db);
    const today = localToday(config.timezone);
    const applied = await recordRun(db, { command: 'review', day: today }, async () => {
      const outcome =
        input.problems.length > 0
          ? { applied: [], problems: [...input.problems, ...(await reviewProblems(db, input.reviews))] }
          : await applyReviews(db, config, input.reviews, today);
      if (outcome.problems.length > 0) throw new UsageError(refusal(outcome.problems, opts.file));
      return { result: outcome.applied, counts: { reviews: outcome.applied.length } };
    });
    for (const line of summary(applied, opts.file)) say(line);
  });
}

function commandLineReview(caseId: number | undefined, opts: ReviewOptions): Review {
  if (caseId === undefined) throw new UsageError('review needs a CASE_ID (with --verdict and --by) or --file SHEET');
  if (!opts.verdict) throw new UsageError('review needs --verdict (confirmed, dismissed, actioned or reward)');
  const by = opts.by?.trim();
  if (!by) throw new UsageError('review needs --by NAME: who reviewed the case');
  if (opts.due && !VERDICTS_WITH_DEADLINE.includes(opts.verdict)) {
    throw new UsageError(`--due is for a confirmed or reward verdict; a ${opts.verdict} case has no deadline`);
  }
  return {
    line: 0,
    caseId,
    verdict: opts.verdict,
    note: opts.note?.trim() || null,
    by,
    ...(opts.due ? { due: opts.due } : {}),
  };
}

function sheetReviews(caseId: number | undefined, opts: ReviewOptions, file: string) {
  const given = [
    caseId !== undefined && 'CASE_ID',
    opts.verdict && '--verdict',
    opts.note && '--note',
    opts.by && '--by',
    opts.due && '--due',
  ].filter(Boolean);
  if (given.length > 0) throw new UsageError(`--file takes every review from the sheet: leave out ${given.join(', ')}`);
  return readReviewSheet(file);
}

/** One line saying nothing was applied, then each bad line as `sheet.csv:LINE: reason`. */
function refusal(problems: ReviewProblem[], file: string | undefined): string {
  if (!file) return problems.map((p) => p.reason).join('; ');
  const lines = [...problems].sort((a, b) => a.line - b.line).map((p) => `${file}:${p.line}: ${p.reason}`);
  const bad = new Set(problems.map((p) => p.line)).size;
  return [`${file}: ${bad} bad line${bad === 1 ? '' : 's'}; nothing applied`, ...lines].join('\n');
}

function summary(applied: AppliedReview[], file: string | undefined): string[] {
  if (!file) {
    return applied.map(
      (r) =>
        `case ${r.case_id}: ${r.verdict_to} (was ${r.verdict_from ?? 'not reviewed'})${r.due_to ? `, due ${r.due_to}` : ''}`,
    );
  }
  if (applied.length === 0) return [`${file}: no verdicts filled in; nothing applied`];
  const counts = new Map<string, number>();
  for (const r of applied) counts.set(r.verdict_to, (counts.get(r.verdict_to) ?? 0) + 1);
  const byVerdict = [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ');
  return [`${file}: ${applied.length} review${applied.length === 1 ? '' : 's'} applied (${byVerdict})`];
}
