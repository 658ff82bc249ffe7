/** Where callq's own files are: the folder whose package.json is named "callq", from any depth. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findProjectRoot, PROJECT_ROOT, projectPath, projectUrl } from '../../src/files/project-root.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';

const ROOT = join(import.meta.dirname, '../..');
const tmp = tempDir('callq-project-root-');
afterAll(() => tmp.cleanup());

describe('project root', () => {
  it('is the repository, from src/ as from a chunk under dist/', () => {
    expect(PROJECT_ROOT).toBe(ROOT);
    expect(findProjectRoot(join(ROOT, 'dist', 'chunks'))).toBe(ROOT);
    expect(projectPath('queries/')).toBe(join(ROOT, 'queries/'));
    expect(projectUrl('src/reports/browser/').href).toBe(pathToFileURL(join(ROOT, 'src/reports/browser/')).href);
  });

  it("walks past another package's package.json (a dependency's, or a folder's of its own)", () => {
    const nested = join(tmp.dir, 'callq', 'node_modules', 'vega', 'build');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(tmp.dir, 'callq', 'package.json'), JSON.stringify({ name: 'callq' }));
    writeFileSync(join(tmp.dir, 'callq', 'node_modules', 'vega', 'package.json'), JSON.stringify({ name: 'vega' }));
    expect(findProjectRoot(nested)).toBe(join(tmp.dir, 'callq'));
  });

  it('says so when no folder above is callq', () => {
    expect(() => findProjectRoot(tmp.dir)).toThrow(
      `no package.json named "callq" in ${tmp.dir} or any folder above it`,
    );
  });
});
