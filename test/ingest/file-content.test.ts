/** A file's bytes, inflated when its name ends in .gz (any case). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { contentOf } from '../../src/ingest/file-content.ts';

const dir = mkdtempSync(join(tmpdir(), 'callq-content-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CSV = 'call_id,direction\nc1,inbound\n';

describe('contentOf', () => {
  it.each([
    ['calls.csv', Buffer.from(CSV)],
    ['calls.csv.gz', gzipSync(CSV)],
    ['calls.CSV.GZ', gzipSync(CSV)],
  ])('reads %s as the CSV text', async (name, bytes) => {
    writeFileSync(join(dir, name), bytes);
    expect(await text(contentOf(join(dir, name)))).toBe(CSV);
  });

  it('fails on a .gz file that is not gzip', async () => {
    writeFileSync(join(dir, 'plain.csv.gz'), CSV);
    await expect(text(contentOf(join(dir, 'plain.csv.gz')))).rejects.toThrow(/incorrect header check/);
  });
});
