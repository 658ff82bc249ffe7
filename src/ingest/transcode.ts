/**
 * DuckDB reads UTF-8 only (its other encodings need an extension we cannot download), so a
 * GB18030/GBK export is decoded in a stream into a temporary UTF-8 copy before reading.
 * Lines and columns are unchanged, so reject positions still point into the original.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export type TextEncoding = 'utf-8' | 'gb18030';

export interface Transcoded {
  path: string;
  cleanup(): void;
}

export async function transcodeToUtf8(path: string, encoding: TextEncoding): Promise<Transcoded> {
  const dir = mkdtempSync(join(tmpdir(), 'callq-'));
  const out = join(dir, basename(path));
  // fatal: a byte sequence that is not GB18030 either is an error, not a silent U+FFFD.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
      } catch {
        done(new Error(`${path} is not valid ${encoding} text`));
      }
    },
    flush(done) {
      try {
        done(null, Buffer.from(decoder.decode(), 'utf8'));
      } catch {
        done(new Error(`${path} ends in the middle of a ${encoding} character`));
      }
    },
  });
  try {
    await pipeline(createReadStream(path), decode, createWriteStream(out));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
