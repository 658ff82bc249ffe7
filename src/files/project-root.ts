/**
 * The folder of callq's package: the nearest folder, walking up from this module, whose
 * package.json is named "callq". Modules find the repository's own files (queries/,
 * reports/, sample-data/, docs/, node_modules/) from here, never from their own location:
 * run from src/ (vitest, tsx) a module sits at its source path, but in the build it is
 * part of a chunk under dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_NAME = 'callq';

export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME
    )
      return dir;
    if (dirname(dir) === dir)
      throw new Error(`no package.json named "${PACKAGE_NAME}" in ${from} or any folder above it`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package: `projectPath('queries/')`, `projectPath('docs', 'contract.md')`. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}

/** The same as a file: URL (a folder ends in `/`, so URLs resolve inside it). */
export function projectUrl(relative: string): URL {
  return new URL(relative, pathToFileURL(`${PROJECT_ROOT}/`));
}
