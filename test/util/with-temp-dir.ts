import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs fn with a new empty folder under the system's temp folder, removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>, prefix = 'callq-'): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
