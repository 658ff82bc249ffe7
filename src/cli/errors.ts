/** Errors that map to the exit codes of docs/cli.md#exit-codes. */

export const ExitCode = { ok: 0, failed: 1, usage: 2, rejects: 3 } as const;

/** Bad usage or config: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The job ran but something it needed failed: exit 1, one line for the user. */
export class JobError extends Error {
  override name = 'JobError';
}
