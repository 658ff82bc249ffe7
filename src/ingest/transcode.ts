/**
 * Text encodings. DuckDB reads UTF-8 only (its other encodings need an extension we cannot
 * download), so a file in any other encoding the runtime's TextDecoder knows (GB18030,
 * Big5, Shift_JIS, windows-1251, UTF-16 ...) is decoded in a stream into a temporary UTF-8
 * copy before reading. Lines and columns are unchanged, so reject positions still point
 * into the original. A file that is not UTF-8 and names no encoding (no BOM, no
 * `--encoding`) is taken for GB18030 only on the evidence of its bytes (chooseEncoding).
 */
import { createWriteStream, rmSync } from 'node:fs';
import { processTempDir } from '../files/literal-path.ts';
import { contentOf, LF } from './file-content.ts';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FileScan } from './file-scan.ts';

/** An encoding as TextDecoder names it (`utf-8`, `gb18030`, `windows-1251`, `utf-16le` ...). */
export type TextEncoding = string;

/** The encoding's canonical name (`latin1` → `windows-1252`), or null when TextDecoder has no such encoding. */
export function encodingName(label: string): TextEncoding | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

const BOM_ENCODINGS: Record<NonNullable<FileScan['bom']>, TextEncoding> = {
  utf8: 'utf-8',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/**
 * The encoding a text file is read in: `--encoding` if given, else its BOM's, else UTF-8
 * when its bytes are UTF-8, else GB18030 when its bytes are Chinese text in GB18030 (see
 * inspectBytes). Anything else is an error saying where the first byte that is not
 * UTF-8 is, so that a UTF-8 export with a few stray bytes is never read as Chinese.
 */
export async function chooseEncoding(
  path: string,
  scan: Pick<FileScan, 'validUtf8' | 'bom'>,
  forced?: TextEncoding,
): Promise<TextEncoding> {
  const declared = forced ?? (scan.bom ? BOM_ENCODINGS[scan.bom] : undefined);
  if (scan.validUtf8) return declared ?? 'utf-8';
  if (declared !== undefined && declared !== 'utf-8') return declared;
  const evidence = await inspectBytes(path);
  const { line, byte } = evidence.firstInvalidUtf8!;
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  // UTF-8 Chinese before the first byte that is not UTF-8: a stray byte, or lines another
  // tool appended in another encoding. Reading the whole file as GB18030 would garble the
  // UTF-8 part, and --encoding cannot read both.
  if (evidence.utf8HanziBeforeInvalid >= 2) {
    throw new Error(
      `not valid UTF-8 at line ${line} (byte 0x${hex}), though the Chinese text before it is: a stray byte, or a file in two encodings; fix that line or convert the file to one encoding`,
    );
  }
  // --encoding utf-8 is taken at its word; a UTF-8 BOM on GB18030 bytes (an editor added
  // it) is not: the bytes decide, the BOM is skipped.
  const hanzi = forced ? 0 : evidence.gb18030Hanzi;
  if (hanzi >= MIN_GB18030_HANZI) return 'gb18030';
  const tooFew =
    hanzi > 0
      ? `; its bytes outside ASCII would be ${hanzi === 1 ? 'one GB18030 character' : `${hanzi} GB18030 characters`}, too few to tell a stray byte from the file's encoding`
      : '';
  throw new Error(`not valid UTF-8 at line ${line} (byte 0x${hex})${tooFew}${USE_ENCODING}`);
}

export interface ByteEvidence {
  /** Where the bytes first stop being UTF-8 (1-based line), null when they never do. */
  firstInvalidUtf8: { line: number; byte: number } | null;
  /** Well-formed UTF-8 CJK characters (three bytes, lead E4–E9) before that byte. */
  utf8HanziBeforeInvalid: number;
  /**
   * The file's common hanzi when it reads as GB18030 Chinese text (see inspectBytes), else
   * 0: the file is taken for GB18030 from MIN_GB18030_HANZI of them.
   */
  gb18030Hanzi: number;
}

const USE_ENCODING = '; use --encoding NAME (e.g. gb18030, big5, windows-1252)';

/** Two stray bytes (one character's worth) in a UTF-8 file never make it a GB18030 file. */
const MIN_GB18030_HANZI = 2;

/**
 * One pass over a file's bytes. The GB18030 rule: the whole file decodes as GB18030, and
 * more than half of its non-ASCII bytes pair up as GB2312 level-1 hanzi (first byte B0–D7,
 * second A1–FE), the 3,755 common characters Chinese text is mostly made of. A stray byte in
 * a UTF-8 file, a Latin-1 letter (followed by ASCII) or Cyrillic and accented letters of a
 * single-byte code page (mostly E0–FF) do not; UTF-8 Chinese read two bytes at a time
 * rarely does either. Nor do two stray bytes that happen to pair as one such hanzi: a file
 * is taken for GB18030 from two (MIN_GB18030_HANZI). A file that fails the rule needs
 * `--encoding`.
 */
export async function inspectBytes(path: string): Promise<ByteEvidence> {
  const gb = new TextDecoder('gb18030', { fatal: true });
  let decodes = true;
  let nonAscii = 0;
  let level1 = 0;
  let line = 1;
  let firstInvalidUtf8: ByteEvidence['firstInvalidUtf8'] = null;
  let utf8HanziBeforeInvalid = 0;
  // Each reading walks the bytes its own way; a sequence cut by a chunk's end waits for the next.
  let utf8At = 0;
  let gbAt = 0;
  let carry = Buffer.alloc(0);
  const walk = (data: Buffer, final: boolean) => {
    const limit = final ? data.length : data.length - 3;
    while (firstInvalidUtf8 === null && utf8At < limit) {
      const n = utf8SequenceLength(data, utf8At);
      if (n === 0) firstInvalidUtf8 = { line, byte: data[utf8At]! };
      else {
        if (data[utf8At] === LF) line++;
        if (n === 3 && data[utf8At]! >= 0xe4 && data[utf8At]! <= 0xe9) utf8HanziBeforeInvalid++;
        utf8At += n;
      }
    }
    while (gbAt < limit) {
      const n = gb18030SequenceLength(data, gbAt);
      const [b, next] = [data[gbAt]!, data[gbAt + 1] ?? 0];
      if (n === 2 && b >= 0xb0 && b <= 0xd7 && next >= 0xa1) level1 += 2;
      for (let k = gbAt; k < gbAt + n; k++) if ((data[k] ?? 0) >= 0x80) nonAscii++;
      gbAt += n;
    }
  };
  await pipeline(contentOf(path), async (chunks: AsyncIterable<Buffer>) => {
    for await (const chunk of chunks) {
      if (decodes) decodes = tryDecode(() => gb.decode(chunk, { stream: true }));
      const data = Buffer.concat([carry, chunk]);
      walk(data, false);
      const keep = firstInvalidUtf8 === null ? Math.min(utf8At, gbAt) : gbAt;
      carry = data.subarray(keep);
      utf8At -= keep;
      gbAt -= keep;
    }
  });
  walk(carry, true);
  if (decodes) decodes = tryDecode(() => gb.decode());
  return { firstInvalidUtf8, utf8HanziBeforeInvalid, gb18030Hanzi: decodes && level1 * 2 > nonAscii ? level1 / 2 : 0 };
}

function tryDecode(decode: () => unknown): boolean {
  try {
    decode();
    return true;
  } catch {
    return false;
  }
}

/** Bytes of the GB18030 character at `i`: 4 (second byte a digit), 2 (a lead and a trail byte), else 1. */
function gb18030SequenceLength(data: Buffer, i: number): number {
  const [b, next] = [data[i]!, data[i + 1] ?? 0];
  if (b < 0x81 || b > 0xfe) return 1;
  if (next >= 0x30 && next <= 0x39) return 4;
  return next >= 0x40 && next !== 0x7f && next !== 0xff ? 2 : 1;
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when it is not one. */
function utf8SequenceLength(data: Buffer, i: number): number {
  const b = data[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => {
    const x = data[i + k];
    return x !== undefined && x >= low && x <= high;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const [low, high] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

export interface Transcoded {
  path: string;
  cleanup(): void;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A UTF-8 copy of the file's text (of a `.gz`, of its content, uncompressed). */
export async function transcodeToUtf8(path: string, encoding: TextEncoding): Promise<Transcoded> {
  const dir = processTempDir();
  const out = join(dir, basename(path).replace(/\.gz$/i, ''));
  // fatal: a byte sequence that is not of the encoding is an error, not a silent U+FFFD.
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  // A UTF-8 BOM before text of another encoding is skipped, not decoded as two characters.
  let first = encoding !== 'utf-8';
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        const bytes = first && chunk.subarray(0, 3).equals(UTF8_BOM) ? chunk.subarray(3) : chunk;
        first = false;
        done(null, Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8'));
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
    await pipeline(contentOf(path), decode, createWriteStream(out));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
