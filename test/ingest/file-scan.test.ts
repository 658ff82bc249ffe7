/**
 * scanFile: one pass giving the sha256, UTF-8 validity (a character split across read
 * chunks is still valid), the BOM and whether the file ends with a line break.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanFile } from '../../src/ingest/file-scan.ts';
import { tempDir } from './ingest-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const write = (name: string, bytes: string | Buffer) => {
  const path = tmp.path(name);
  writeFileSync(path, bytes);
  return path;
};

describe('scanFile', () => {
  it('sha256 of "abc" is the FIPS 180-2 test vector', async () => {
    const scan = await scanFile(write('abc.txt', 'abc'));
    expect(scan).toEqual({
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      bytes: 3,
      validUtf8: true,
      bom: null,
      endsWithNewline: false,
      innerBlankLine: false,
      estimatedLines: 1, // content without a line break is one line
      nulByte: false,
    });
  });

  it('sees a NUL byte anywhere in the content, past the first read chunk and inside a .gz', async () => {
    const late = Buffer.concat([Buffer.alloc(3 << 20, 'a'), Buffer.from([0x00]), Buffer.from('\n')]);
    expect((await scanFile(write('late-nul.csv', late))).nulByte).toBe(true);
    expect((await scanFile(write('late-nul.csv.gz', gzipSync(late)))).nulByte).toBe(true);
    expect((await scanFile(write('no-nul.csv', Buffer.alloc(3 << 20, 'a')))).nulByte).toBe(false);
  });

  it('estimates the lines from the line breaks in the first MiB, the same gzipped', async () => {
    // 300,000 lines of 10 bytes = 3,000,000 bytes; the first 1,048,576 bytes hold 104,857
    // line breaks, so 3,000,000 × 104,857 / 1,048,576 = 299,998.3 lines.
    const text = '123456789\n'.repeat(300_000);
    expect((await scanFile(write('even.csv', text))).estimatedLines).toBe(299_998);
    expect((await scanFile(write('even.csv.gz', gzipSync(text)))).estimatedLines).toBe(299_998);
    // Short lines first, long after: 2 bytes a line in the first MiB, so 2,200,000 / 2 (for progress only).
    const skewed = 'a\n'.repeat(600_000) + `${'b'.repeat(99)}\n`.repeat(10_000);
    expect((await scanFile(write('skewed.csv', skewed))).estimatedLines).toBe(1_100_000);
  });

  it('a .gz file is hashed as stored, judged by its content, and refused when cut short', async () => {
    const bytes = gzipSync('a,b\n呼,2\n');
    const scan = await scanFile(write('whole.csv.gz', bytes));
    expect(scan).toMatchObject({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      validUtf8: true,
      endsWithNewline: true,
    });
    await expect(scanFile(write('cut.csv.gz', bytes.subarray(0, bytes.length - 4)))).rejects.toThrow(
      'unexpected end of file',
    );
  });

  it('sees an empty line before the last record (LF or CRLF, also across chunks), not trailing ones', async () => {
    const inner = async (name: string, text: string | Buffer) => (await scanFile(write(name, text))).innerBlankLine;
    expect(await inner('b1.csv', 'h\na\n\nb\n')).toBe(true);
    expect(await inner('b2.csv', 'h\r\na\r\n\r\nb\r\n')).toBe(true);
    expect(await inner('b3.csv', 'h\na\nb\n\n\n')).toBe(false);
    expect(await inner('b4.csv', 'h\na\nb')).toBe(false);
    // "\n" ends the first 1 MiB chunk, "\nb\n" starts the second.
    expect(await inner('b5.csv', Buffer.concat([Buffer.alloc((1 << 20) - 1, 0x61), Buffer.from('\n\nb\n')]))).toBe(
      true,
    );
  });

  it('stops when its signal is aborted (a failed load stops reading ahead)', async () => {
    const path = write('big.csv', 'a,b\n'.repeat(1 << 20));
    const controller = new AbortController();
    const scanning = scanFile(path, controller.signal);
    controller.abort();
    await expect(scanning).rejects.toMatchObject({ name: 'AbortError' });
    // Without a signal the same file scans whole.
    expect((await scanFile(path)).bytes).toBe(4 << 20);
  });

  it('tells a UTF-8, GB18030 or UTF-16 BOM and a final line break', async () => {
    expect(await scanFile(write('bom8.csv', '\uFEFFa,b\n'))).toMatchObject({
      bom: 'utf8',
      validUtf8: true,
      endsWithNewline: true,
    });
    // GB18030 encodes U+FEFF as 84 31 95 33; those bytes are not UTF-8.
    expect(await scanFile(write('bomgb.csv', Buffer.from([0x84, 0x31, 0x95, 0x33, 0x61, 0x0a])))).toMatchObject({
      bom: 'gb18030',
      validUtf8: false,
      endsWithNewline: true,
    });
    // UTF-16: FF FE (little-endian) or FE FF (big-endian), then "a\n" in two bytes a character.
    expect(await scanFile(write('bom16le.csv', Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00])))).toMatchObject({
      bom: 'utf-16le',
      validUtf8: false,
    });
    expect(await scanFile(write('bom16be.csv', Buffer.from([0xfe, 0xff, 0x00, 0x61, 0x00, 0x0a])))).toMatchObject({
      bom: 'utf-16be',
      validUtf8: false,
    });
  });

  it('GB18030 Chinese is invalid UTF-8; UTF-8 Chinese is valid, even split across the 1 MiB read chunks', async () => {
    expect(
      (await scanFile(join(import.meta.dirname, '../fixtures/ingest/gb18030/calls-2026-11-20.csv'))).validUtf8,
    ).toBe(false);
    // 1 MiB − 1 ASCII bytes, then 呼 (E5 91 BC): its first byte ends the first chunk.
    const split = write('split.csv', Buffer.concat([Buffer.alloc((1 << 20) - 1, 0x61), Buffer.from('呼\n')]));
    expect(await scanFile(split)).toMatchObject({ bytes: (1 << 20) + 3, validUtf8: true, endsWithNewline: true });
    // The same with the character cut short at the end of the file.
    const cut = write('cut.csv', Buffer.concat([Buffer.alloc(10, 0x61), Buffer.from([0xe5, 0x91])]));
    expect((await scanFile(cut)).validUtf8).toBe(false);
  });
});
