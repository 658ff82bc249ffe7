/**
 * One streaming pass over a file: its sha256 (to skip files already loaded), whether its
 * bytes are valid UTF-8 (else it is taken for a GB18030 export), whether it starts with a
 * BOM and whether it ends with a line break (a text file that does not, and whose last
 * record is broken, was cut off in transfer). A `.gz` file is hashed as stored and judged
 * by its content; decompressing it whole also proves it complete (DuckDB reads a cut-off
 * gzip as far as it goes without a word).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export interface FileScan {
  sha256: string;
  bytes: number;
  validUtf8: boolean;
  bom: 'utf8' | 'gb18030' | null;
  endsWithNewline: boolean;
}

export async function scanFile(path: string): Promise<FileScan> {
  const hash = createHash('sha256');
  let bytes = 0;
  const hashed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const content = contentScanner();
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  if (/\.gz$/i.test(path)) await pipeline(source, hashed, createGunzip(), content.consume);
  else await pipeline(source, hashed, content.consume);
  return { sha256: hash.digest('hex'), bytes, ...content.result() };
}

/** Reads the (decompressed) content: UTF-8 validity, BOM, final line break. */
function contentScanner() {
  let validUtf8 = true;
  let carry = Buffer.alloc(0);
  let head = Buffer.alloc(0);
  let lastByte = -1;
  return {
    async consume(chunks: AsyncIterable<Buffer>): Promise<void> {
      for await (const chunk of chunks) {
        if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
        lastByte = chunk[chunk.length - 1] ?? lastByte;
        if (validUtf8) {
          const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
          const cut = completeCharacterEnd(data);
          validUtf8 = isUtf8(data.subarray(0, cut));
          carry = Buffer.from(data.subarray(cut));
        }
      }
    },
    result(): Pick<FileScan, 'validUtf8' | 'bom' | 'endsWithNewline'> {
      return {
        validUtf8: validUtf8 && (carry.length === 0 || isUtf8(carry)),
        bom: detectBom(head),
        endsWithNewline: lastByte === 0x0a,
      };
    },
  };
}

/** Index just past the last complete UTF-8 character: a chunk may end mid-character. */
function completeCharacterEnd(data: Buffer): number {
  for (let i = data.length - 1; i >= Math.max(0, data.length - 4); i--) {
    const byte = data[i]!;
    if (byte < 0x80) return data.length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return data.length - i >= needed ? data.length : i;
    }
  }
  return data.length;
}

function detectBom(head: Buffer): FileScan['bom'] {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0x84 && head[1] === 0x31 && head[2] === 0x95 && head[3] === 0x33) return 'gb18030';
  return null;
}
