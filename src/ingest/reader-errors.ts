/**
 * DuckDB's reader errors as one line that says what is wrong with the file. DuckDB puts the
 * cause on a later line than the first ("CSV Error on Line: 1", then the record, then
 * "Maximum line size … exceeded"), and counts that line without the header; keeping only the
 * first line lost the cause and pointed at the wrong line. The whole message stays on the
 * error (`cause`) for --verbose.
 */
import { contentOf } from './file-content.ts';

const LINE_TOO_LONG = /Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+) bytes/;

/** The one line a user reads for a reader error of `path`. */
export async function readerErrorLine(path: string, message: string): Promise<string> {
  const tooLong = LINE_TOO_LONG.exec(message);
  if (tooLong) {
    const limit = Number(tooLong[1]);
    const line = await firstLineLongerThan(path, limit);
    const where = line === null ? 'a line' : `line ${line}`;
    return `${where} is longer than ${limit.toLocaleString('en')} bytes (${Number(tooLong[2]).toLocaleString('en')}): no record of an export is that long, so the file is refused (cut off, or not the export it is named for?)`;
  }
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const [first = message, ...rest] = lines;
  // A CSV error names its record on the next line and gives its cause after it.
  const cause = /CSV Error on Line/.test(first)
    ? rest.find((l) => !l.startsWith('Original Line:') && !/^\w+ = /.test(l))
    : undefined;
  return cause ? `${first.replace(/^Invalid Input Error: /, '')}: ${cause}` : first;
}

/** The 1-based line of the first line longer than `limit` bytes (of a .gz, of its content), or null. */
async function firstLineLongerThan(path: string, limit: number): Promise<number | null> {
  const stream = contentOf(path);
  let line = 1;
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const byte of chunk) {
        if (byte === 10) {
          line++;
          length = 0;
        } else if (++length > limit) return line;
      }
    }
  } finally {
    stream.destroy();
  }
  return null;
}
