/**
 * DuckDB's readers expand `*`, `?`, `[…]` and `{…}` in a path (globbing), so a file named
 * `calls-[ab].csv` would be read as `calls-a.csv` and `calls-b.csv`. Such a path is read
 * through a symbolic link with a plain name (same extension: DuckDB tells compression by it)
 * in a temporary folder of this process.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const GLOB = /[*?[\]{}]/g;

export interface LiteralPath {
  path: string;
  cleanup(): void;
}

/** A temporary folder named after this process, so a later run can remove it if the process dies. */
export function processTempDir(): string {
  return mkdtempSync(join(tmpdir(), `callq-${process.pid}-`));
}

export function literalPath(path: string): LiteralPath {
  if (!GLOB.test(path)) return { path, cleanup: () => undefined };
  GLOB.lastIndex = 0;
  const dir = processTempDir();
  const link = join(dir, basename(path).replace(GLOB, '_'));
  symlinkSync(resolve(path), link);
  return { path: link, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
