/**
 * Applies the desk's reviews to their cases, all or nothing: each review appends to
 * case_events (who, when, what changed from what to what, the note) and sets the case's
 * verdict, deadline and snooze (queries/cases/review_*.sql). Reviews naming an unknown or
 * merged case, or a case changed since the sheet was made, are returned as problems and
 * nothing at all is applied.
 */
import type { Database } from '../db/database.ts';
import type { Config } from '../config/config-schema.ts';
import { readQuery } from '../db/sql-files.ts';
import { bindNamed } from '../db/sql-params.ts';
import { refreshRuleQuality } from './rule-quality.ts';
import type { Review, ReviewProblem } from './verdicts.ts';

export interface AppliedReview {
  case_id: number;
  verdict_from: string | null;
  verdict_to: string;
  due_to: string | null;
}

export interface ReviewOutcome {
  /** Empty when anything was refused. */
  applied: AppliedReview[];
  problems: ReviewProblem[];
}

/** The reviews that cannot be applied (unknown, merged or changed cases), by line. */
export async function reviewProblems(db: Database, reviews: readonly Review[]): Promise<ReviewProblem[]> {
  await loadReviewInput(db, reviews);
  try {
    return await problemsOfInput(db);
  } finally {
    await db.exec('drop table if exists temp.review_input');
  }
}

/** `today`: the review day (YYYY-MM-DD, local), from which deadlines and snoozes run. */
export async function applyReviews(
  db: Database,
  config: Config,
  reviews: readonly Review[],
  today: string,
): Promise<ReviewOutcome> {
  const values = {
    today,
    action_due_days: config.action_due_days,
    reward_due_days: config.reward_due_days,
    snooze_days: config.snooze_days,
  };
  const changes = readQuery('cases/review_changes.sql');
  // One transaction: a failure rolls back the reviews and the temp tables together.
  return db.transaction(async () => {
    await loadReviewInput(db, reviews);
    const problems = await problemsOfInput(db);
    if (problems.length > 0) {
      await db.exec('drop table temp.review_input');
      return { applied: [], problems };
    }
    await db.exec(
      `create temp table review_changes as ${changes}`,
      bindNamed(changes, values, 'queries/cases/review_changes.sql'),
    );
    await db.insertSelect('case_events', readQuery('cases/review_events.sql'));
    await db.exec(readQuery('cases/review_update.sql'));
    const applied = await db.query<AppliedReview & Record<string, unknown>>(
      `select case_id, verdict_from, verdict_to, strftime(due_to, '%Y-%m-%d') as due_to from review_changes order by case_id`,
    );
    await db.exec('drop table temp.review_changes; drop table temp.review_input');
    await refreshRuleQuality(db);
    return { applied, problems: [] };
  });
}

function problemsOfInput(db: Database): Promise<ReviewProblem[]> {
  return db.query<ReviewProblem & Record<string, unknown>>(readQuery('cases/review_problems.sql'));
}

async function loadReviewInput(db: Database, reviews: readonly Review[]): Promise<void> {
  const rows = reviews.map((r) => ({
    line: r.line,
    case_id: r.caseId,
    verdict: r.verdict,
    note: r.note,
    by: r.by,
    due: r.due ?? null,
    state: r.expectedState ?? null,
    last_seen: r.expectedLastSeen ?? null,
  }));
  const sql = readQuery('cases/review_input.sql');
  await db.exec(`create or replace temp table review_input as ${sql}`, { reviews: JSON.stringify(rows) });
}
