/** linesAt: some lines of a file by number, as written, without their line breaks. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type LineText, linesAt } from '../../src/ingest/lines-at.ts';
import { withTempDir } from '../util/with-temp-dir.ts';

/** Every line linesAt yields. */
async function picked(path: string, wanted: number[]): Promise<LineText[]> {
  const lines: LineText[] = [];
  for await (const line of linesAt(path, wanted)) lines.push(line);
  return lines;
}

const TEXT = 'one|1\r\n\r\nthree|"3"\nfour\r\n  \nsix without a break';

describe('linesAt', () => {
  it.each([
    ['log', Buffer.from(TEXT)],
    ['log.gz', gzipSync(TEXT)],
  ])('picks lines of %s by number, empty lines counted, CRLF and LF ends dropped', async (name, bytes) => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, name), bytes);
      expect(await picked(join(dir, name), [1, 2, 3, 5, 6])).toEqual([
        { line: 1, text: 'one|1' },
        { line: 2, text: '' },
        { line: 3, text: 'three|"3"' },
        { line: 5, text: '  ' },
        { line: 6, text: 'six without a break' },
      ]);
      expect(await picked(join(dir, name), [4, 7])).toEqual([{ line: 4, text: 'four' }]);
    });
  });

  it('joins a line the read cut between two chunks, and reads UTF-8 split across them', async () => {
    // Line 2 holds 3 MiB of "é" (2 bytes each): the 1 MiB chunks cut it, between the two
    // bytes of a character (the line starts at byte 3, so every MiB boundary falls at an odd
    // offset into it).
    const long = 'é'.repeat(3 * 2 ** 19);
    await withTempDir(async (dir) => {
      const path = join(dir, 'log');
      writeFileSync(path, `ab\n${long}\nb\n`);
      const lines = await picked(path, [2, 3]);
      expect(lines.map((l) => [l.line, l.text.length])).toEqual([
        [2, long.length],
        [3, 1],
      ]);
      expect(lines[0]!.text === long).toBe(true);
    });
  });
});
