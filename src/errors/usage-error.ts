/**
 * Errors a command ends with, and the exit codes they map to (docs/cli.md#exit-codes). Any
 * layer may throw them; src/cli/main.ts maps them to the code and the one line it prints.
 */

export const ExitCode = { ok: 0, failed: 1, usage: 2, rejects: 3 } as const;

/** Bad usage or config: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The job ran but something it needed failed: exit 1, one line for the user. */
export class JobError extends Error {
  override name = 'JobError';
}
