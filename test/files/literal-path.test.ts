/** Paths DuckDB would glob are read through a link with a plain name. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { literalPath } from '../../src/files/literal-path.ts';

const dir = mkdtempSync(join(tmpdir(), 'callq-literal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('literalPath', () => {
  it('keeps a path without glob characters', () => {
    const path = join(dir, 'calls-2026.csv');
    const literal = literalPath(path);
    expect(literal.path).toBe(path);
    literal.cleanup();
  });

  it.each([
    ['calls-[ab].csv', 'calls-_ab_.csv'],
    ['calls-*.csv.gz', 'calls-_.csv.gz'],
    ['calls-{x,y}?.parquet', 'calls-_x,y__.parquet'],
  ])('reads %s through a link named %s, removed by cleanup', (name, linkName) => {
    const path = join(dir, name);
    writeFileSync(path, name);
    const literal = literalPath(path);
    expect(basename(literal.path)).toBe(linkName);
    expect(readFileSync(literal.path, 'utf8')).toBe(name);
    literal.cleanup();
    expect(existsSync(dirname(literal.path))).toBe(false);
    expect(existsSync(path)).toBe(true);
  });
});
