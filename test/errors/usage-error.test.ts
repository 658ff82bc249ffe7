/**
 * The errors a command ends with live below the CLI: any layer throws them, and no module
 * outside src/cli/ imports from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, JobError, UsageError } from '../../src/errors/usage-error.ts';

const SRC = resolve(import.meta.dirname, '../../src');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('usage errors', () => {
  it('are errors with their own names, mapped to the documented exit codes', () => {
    expect(new UsageError('bad --date')).toBeInstanceOf(Error);
    expect([new UsageError('x').name, new JobError('y').name]).toEqual(['UsageError', 'JobError']);
    expect(ExitCode).toEqual({ ok: 0, failed: 1, usage: 2, rejects: 3 });
  });

  it('are never imported from src/cli/ by a module outside it', () => {
    const cli = join(SRC, 'cli');
    const leaks = modules(SRC)
      .filter((file) => !file.startsWith(`${cli}/`))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)]
          .map((m) => resolve(join(file, '..'), m[1]!))
          .filter((target) => target.startsWith(`${cli}/`))
          .map((target) => `${relative(SRC, file)} imports ${relative(SRC, target)}`),
      );
    expect(leaks).toEqual([]);
  });
});
