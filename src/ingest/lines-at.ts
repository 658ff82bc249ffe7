/**
 * Some lines of a text file as written, read in one pass over its content that stops after
 * the last one wanted: for the few lines a load rejects, where reading every line of a large
 * file into a table costs seconds and memory.
 */
import { CR, contentOf, LF } from './file-content.ts';

export interface LineText {
  line: number;
  text: string;
}

/**
 * The lines numbered `wanted` (1-based, ascending, each once) of the file at `path` (a `.gz`
 * inflated), each without its line break (LF or CRLF), decoded as UTF-8, yielded as they are
 * read (however many are wanted, only one is held). A number past the last line gives nothing.
 */
export async function* linesAt(path: string, wanted: readonly number[]): AsyncGenerator<LineText> {
  if (wanted.length === 0) return;
  let next = 0;
  let line = 1;
  let parts: Buffer[] = [];
  const take = (): LineText => {
    const bytes = Buffer.concat(parts);
    const end = bytes.at(-1) === CR ? bytes.length - 1 : bytes.length;
    parts = [];
    next++;
    return { line, text: bytes.subarray(0, end).toString('utf8') };
  };
  const content = contentOf(path);
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      let start = 0;
      while (next < wanted.length) {
        const end = chunk.indexOf(LF, start);
        const inLine = line === wanted[next];
        if (inLine) parts.push(chunk.subarray(start, end < 0 ? chunk.length : end));
        if (end < 0) break;
        if (inLine) yield take();
        line++;
        start = end + 1;
      }
      if (next === wanted.length) return;
    }
    // The last line, when no line break ends it.
    if (next < wanted.length && line === wanted[next] && parts.some((p) => p.length > 0)) yield take();
  } finally {
    content.destroy();
  }
}
