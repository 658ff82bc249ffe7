/** A file's content as a stream of bytes: the file, or for a `.gz` its inflated content. */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The bytes the readers of a file's lines look for: ASCII, so no UTF-8 sequence holds them. */
export const [LF, CR, QUOTE] = [0x0a, 0x0d, 0x22];

export function contentOf(path: string): Readable {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!/\.gz$/i.test(path)) return file;
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  // Stopping early (a scan that found what it looked for) closes the file too.
  gunzip.on('close', () => file.destroy());
  return file.pipe(gunzip);
}
