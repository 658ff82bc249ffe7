/**
 * One streaming pass over a file: its sha256 (to skip files already loaded), whether its
 * bytes are valid UTF-8 (else its encoding must be found: see transcode.ts), which BOM it
 * starts with, if any, whether it ends with a line break (a text file that does not, and
 * whose last record is broken, was cut off in transfer), and whether an empty line sits
 * before its last line (DuckDB's CSV reader skips empty lines, so later records need their
 * line numbers shifted), and whether a NUL byte is in it. A `.gz` file is hashed as stored
 * and judged by its content; decompressing it whole also proves it complete (DuckDB reads a
 * cut-off gzip as far as it goes without a word).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { CR, LF } from './file-content.ts';

export interface FileScan {
  sha256: string;
  bytes: number;
  validUtf8: boolean;
  bom: 'utf8' | 'gb18030' | 'utf-16le' | 'utf-16be' | null;
  endsWithNewline: boolean;
  /** An empty line comes before the last line that has content. */
  innerBlankLine: boolean;
  /** About how many lines the (decompressed) content has, from the line length of its first MiB: for progress only. */
  estimatedLines: number;
  /** A NUL byte is somewhere in the (decompressed) content: without one, no cell of a delimited file holds one. */
  nulByte: boolean;
}

/** `signal` stops the scan (a load that failed no longer needs the file it read ahead). */
export async function scanFile(path: string, signal?: AbortSignal): Promise<FileScan> {
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
  if (/\.gz$/i.test(path)) await pipeline(source, hashed, createGunzip(), content.consume, { signal });
  else await pipeline(source, hashed, content.consume, { signal });
  return { sha256: hash.digest('hex'), bytes, ...content.result() };
}

const LINE_SAMPLE_BYTES = 1 << 20;
const EMPTY_LINES = [Buffer.from('\n\n'), Buffer.from('\n\r\n')];

/** Reads the (decompressed) content: UTF-8 validity, BOM, final line break, empty lines. */
function contentScanner() {
  let validUtf8 = true;
  let carry = Buffer.alloc(0);
  let head = Buffer.alloc(0);
  let lastByte = -1;
  // Content offsets: where the first empty line ends, and of the last byte that is no line break.
  let offset = 0;
  let firstEmpty = -1;
  let lastContent = -1;
  let tail = Buffer.alloc(0);
  // Line breaks in the first MiB of content (whole chunks), for the line estimate.
  let sampleBreaks = 0;
  let sampleBytes = 0;
  let nulByte = false;
  const findEmpty = (data: Buffer, at: number) => {
    for (const pattern of EMPTY_LINES) {
      const i = data.indexOf(pattern);
      if (i >= 0 && (firstEmpty < 0 || at + i + pattern.length - 1 < firstEmpty))
        firstEmpty = at + i + pattern.length - 1;
    }
  };
  return {
    async consume(chunks: AsyncIterable<Buffer>): Promise<void> {
      for await (const chunk of chunks) {
        if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
        lastByte = chunk[chunk.length - 1] ?? lastByte;
        nulByte ||= chunk.includes(0);
        if (sampleBytes < LINE_SAMPLE_BYTES) {
          sampleBytes += chunk.length;
          for (let i = chunk.indexOf(LF); i >= 0; i = chunk.indexOf(LF, i + 1)) sampleBreaks++;
        }
        if (firstEmpty < 0) {
          // Native searches: the seam with the chunk before, then the chunk.
          findEmpty(Buffer.concat([tail, chunk.subarray(0, 2)]), offset - tail.length);
          findEmpty(chunk, offset);
        }
        let end = chunk.length - 1;
        while (end >= 0 && (chunk[end] === LF || chunk[end] === CR)) end--;
        if (end >= 0) lastContent = offset + end;
        tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
        offset += chunk.length;
        if (validUtf8) {
          const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
          const cut = completeCharacterEnd(data);
          validUtf8 = isUtf8(data.subarray(0, cut));
          carry = Buffer.from(data.subarray(cut));
        }
      }
    },
    result(): Pick<
      FileScan,
      'validUtf8' | 'bom' | 'endsWithNewline' | 'innerBlankLine' | 'estimatedLines' | 'nulByte'
    > {
      return {
        nulByte,
        estimatedLines: sampleBreaks > 0 ? Math.round((offset * sampleBreaks) / sampleBytes) : offset > 0 ? 1 : 0,
        validUtf8: validUtf8 && (carry.length === 0 || isUtf8(carry)),
        bom: detectBom(head),
        endsWithNewline: lastByte === LF,
        innerBlankLine: firstEmpty >= 0 && firstEmpty < lastContent,
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
  // Spreadsheets save "Unicode text" as UTF-16 with a BOM.
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}
