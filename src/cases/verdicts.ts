/** What the desk can say about a case, and what a review of one is. */

export const VERDICTS = ['confirmed', 'dismissed', 'actioned', 'reward'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function isVerdict(text: string): text is Verdict {
  return (VERDICTS as readonly string[]).includes(text);
}

/** A case id as written (digits, within case_id's 32-bit integer), else null. */
export function caseNumber(text: string): number | null {
  return /^\d+$/.test(text) && Number(text) <= 2 ** 31 - 1 ? Number(text) : null;
}

/** Verdicts that set a deadline (--due is for these only). */
export const VERDICTS_WITH_DEADLINE: readonly Verdict[] = ['confirmed', 'reward'];

export interface Review {
  /** The sheet's line (1 is the header); 0 for a review given on the command line. */
  line: number;
  caseId: number;
  verdict: Verdict;
  note: string | null;
  by: string;
  /** YYYY-MM-DD: overrides the deadline the verdict sets. */
  due?: string;
  /** The case as the sheet showed it, when the sheet has these columns: a changed case is refused. */
  expectedState?: string;
  expectedLastSeen?: string;
}

export interface ReviewProblem {
  line: number;
  reason: string;
}
