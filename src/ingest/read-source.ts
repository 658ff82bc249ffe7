/**
 * Opens one input file as a relation of text columns, whatever its format: DuckDB's own
 * readers for CSV/TSV, JSON Lines and Parquet; apache-arrow for Arrow IPC (DuckDB has no
 * built-in Arrow reader). Each relation keeps the file's record order, so the staged
 * table's rowid is the record ordinal and gives the reject's line.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Database } from '../db/database.ts';
import type { FileFormat } from './file-format.ts';
import { csvCells, duplicatedColumn } from './csv-cells.ts';
import { contentOf, CR, LF, QUOTE } from './file-content.ts';
import { READER_TYPES } from './staging-sql.ts';
import { quoteIdent, sqlString } from '../db/sql.ts';
import type { TableContract } from './contracts.ts';
import { arrowColumnText } from './arrow-text.ts';
import { DuckDBDataChunk, VARCHAR } from '@duckdb/node-api';

export interface SourceRelation {
  /** Column names as the file has them. */
  columns: string[];
  /** A query with the file's records; `select(map)` renames source → canonical. */
  select(canonicalToSource: ReadonlyMap<string, string>): string;
  /** Line of the record with ordinal 0 (after the header, if any). */
  firstLine: number;
  /** For CSV: the temp table DuckDB writes structurally broken lines to. */
  structuralRejects?: string;
  /** For CSV: the temp table of the empty lines (`line`) its reader skipped without a trace. */
  blankLines?: string;
  /** JSON Lines: the relation also has `_json` (the line) and `_blank`. */
  jsonLines?: boolean;
  /** The reader parses cells into READER_TYPES itself (CSV); cast failures are structural rejects. */
  typed?: boolean;
  /** Columns the relation gives in their canonical type, not as text (source adapters). */
  canonicalTyped?: ReadonlySet<string>;
  /** The relation carries each record's line in the file in this column (source adapters). */
  lineColumn?: string;
  /** A temp table of records the reader itself refused: line, column, reason, value, raw. */
  readerRejects?: string;
  /** CSV: the first line, taken for the header, looks like a record (see looksLikeData). */
  headerLooksLikeData?: boolean;
}

export const CSV_REJECTS_TABLE = 'csv_reject_errors';
const CSV_SCANS_TABLE = 'csv_reject_scans';
const CSV_BLANK_LINES_TABLE = 'csv_blank_lines';
const ARROW_TABLE = 'arrow_source';

export interface OpenOptions {
  /** The file has an empty line before its last record (see FileScan.innerBlankLine). */
  innerBlankLine?: boolean;
  /** Source columns a mapping names: in JSON Lines, those that are no top-level key are nested paths. */
  mappedSources?: readonly string[];
}

export async function openSource(
  db: Database,
  path: string,
  format: FileFormat,
  contract: TableContract,
  options: OpenOptions = {},
): Promise<SourceRelation> {
  switch (format) {
    case 'csv':
    case 'tsv':
      return openCsv(db, { path, tab: format === 'tsv', contract, innerBlankLine: options.innerBlankLine ?? false });
    case 'jsonl':
      return openJsonLines(db, path, options.mappedSources ?? []);
    case 'parquet':
      return openParquet(db, path);
    case 'arrow':
      return openArrow(db, path);
  }
}

function renamed(canonicalToSource: ReadonlyMap<string, string>, cell: (source: string) => string): string {
  return (
    [...canonicalToSource].map(([canonical, source]) => `${cell(source)} as ${quoteIdent(canonical)}`).join(', ') ||
    'null as _none'
  );
}

async function describe(db: Database, relation: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(`describe select * from ${relation}`);
  return rows.map((r) => r.column_name);
}

interface CsvFile {
  path: string;
  /** Tab-separated (.tsv): no delimiter to detect. */
  tab: boolean;
  contract: TableContract;
  innerBlankLine: boolean;
}

async function openCsv(db: Database, { path, tab, contract, innerBlankLine }: CsvFile): Promise<SourceRelation> {
  // Delimiter (from the header line), quote and escape are fixed so that a broken line
  // cannot talk DuckDB's sniffer into another dialect and take good rows down with it.
  const header = readHeaderLine(path);
  if (readHead(path).trim() === '') throw new Error('the file is empty (no header, no records)');
  if (header.trim() === '') throw new Error('line 1 is empty: a CSV file starts with its header, naming the columns');
  const delimiter = tab ? '\t' : detectDelimiter(header);
  const twice = duplicatedColumn(csvCells(header, delimiter));
  if (twice)
    throw new Error(
      `line 1: the header names column "${twice.name}" twice (columns ${twice.first} and ${twice.second}); which one holds the data cannot be told`,
    );
  const dialect = `header = true, quote = '"', escape = '"', delim = ${sqlString(delimiter)}`;
  const columns = await describe(
    db,
    `read_csv(${sqlString(path)}, all_varchar = true, ${dialect}, ignore_errors = true)`,
  ).catch(async (error: Error) => {
    // A broken quote in the lines DuckDB samples leaves it no layout to read the file by.
    if (!error.message.includes('Error when sniffing file')) throw error;
    const broken = await findLayoutBreak(path, delimiter);
    throw broken ? new Error(`line ${broken.line}: ${broken.problem}, so DuckDB cannot read the file's layout`) : error;
  });
  await db.exec(`drop table if exists ${CSV_REJECTS_TABLE}; drop table if exists ${CSV_SCANS_TABLE};`);
  // DuckDB's reader parses the cells itself (its fast path); a cell that does not parse
  // sets its line aside in the rejects table with the line number.
  const typeOf = new Map(contract.columns.map((c) => [c.name, READER_TYPES[c.type]]));
  const reader = (map: ReadonlyMap<string, string>) => {
    const canonicalOf = new Map([...map].map(([canonical, source]) => [source, canonical]));
    const types = columns.map(
      (source) => `${sqlString(source)}: '${typeOf.get(canonicalOf.get(source) ?? '') ?? 'VARCHAR'}'`,
    );
    return `read_csv(${sqlString(path)}, ${dialect}, columns = {${types.join(', ')}}, store_rejects = true, rejects_table = '${CSV_REJECTS_TABLE}', rejects_scan = '${CSV_SCANS_TABLE}')`;
  };
  return {
    columns,
    select: (map) => `select ${renamed(map, quoteIdent)} from ${reader(map)}`,
    firstLine: 2,
    structuralRejects: CSV_REJECTS_TABLE,
    blankLines: await listBlankLines(db, path, innerBlankLine),
    typed: true,
    headerLooksLikeData: looksLikeData(csvCells(header, delimiter)),
  };
}

/**
 * A header-less export starts with a record. Column names do not start with a digit; a
 * record of every table has one (a time, a date, a number, a phone number).
 */
function looksLikeData(cells: readonly string[]): boolean {
  return cells.some((cell) => /^[+-]?\d/.test(cell.trim()));
}

/**
 * The first break in a CSV file's layout (quote and escape "): a quoted field that is never
 * closed, text after a field's closing quote, or a lone carriage return among CRLF or LF line
 * ends (a file pieced together from two exports). Reads bytes: the quote, delimiter and line
 * breaks are ASCII, which no UTF-8 sequence contains. Run only when DuckDB's sniffer failed.
 */
async function findLayoutBreak(path: string, delimiter: string): Promise<{ line: number; problem: string } | null> {
  const DELIM = delimiter.charCodeAt(0);
  let state: 'start' | 'unquoted' | 'quoted' | 'closed' = 'start';
  let line = 1;
  let openedOn = 1;
  let afterCr = false;
  const content = contentOf(path);
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      for (const c of chunk) {
        if (afterCr && c !== LF && state !== 'quoted') {
          return { line, problem: 'a lone carriage return (CR) ends this line, while other lines end in CRLF or LF' };
        }
        afterCr = c === CR;
        if (state === 'quoted') {
          if (c === QUOTE) state = 'closed';
        } else if (state === 'closed' && c === QUOTE) {
          state = 'quoted'; // "" inside a quoted field
        } else if (c === DELIM || c === LF) {
          state = 'start';
        } else if (state === 'start') {
          if (c === QUOTE) [state, openedOn] = ['quoted', line];
          else if (c !== CR) state = 'unquoted';
        } else if (state === 'closed' && c !== CR) {
          const where = openedOn === line ? '' : ` (the field runs on to line ${line})`;
          return {
            line: openedOn,
            problem: `text follows the closing quote of a field${where}: a quote inside a quoted field is written twice ("")`,
          };
        }
        if (c === LF) line++;
      }
    }
  } finally {
    content.destroy();
  }
  return state === 'quoted' ? { line: openedOn, problem: 'a quoted field is never closed (a stray " ?)' } : null;
}

/** Each line of a text file as one cell `line`, empty lines included (null), in file order. */
export function linesOf(path: string): string {
  return `read_csv(${sqlString(path)}, columns = {'line': 'VARCHAR'}, header = false, delim = '\x01', quote = '', escape = '', auto_detect = false, strict_mode = false)`;
}

/**
 * The shift of the records after lines a reader skipped (`skipped`: a query of their `line`s;
 * records numbered from `firstLine`), as steps (rows_before, shift): the j-th skipped line
 * (1-based, ascending) at line r has r - firstLine - (j - 1) records before it, and a record
 * is shifted by the number of skipped lines before it (of a run, the step keeps the last).
 */
export function lineShiftSteps(skipped: string, firstLine: number): string {
  return `with skipped_lines as (
      select line, row_number() over (order by line) as j from (${skipped})
    )
    select line - ${firstLine} - (j - 1) as rows_before, max(j) as shift
    from skipped_lines
    group by all`;
}

/**
 * The lines of the empty lines DuckDB's CSV reader skips, numbered as rejects are: a line
 * break inside a quoted field does not start a line (unless the file has no quoting:
 * `quoted` false). Read (one more pass over the bytes) only when the scan saw an empty line
 * before the last record; otherwise the table is empty.
 */
export async function listBlankLines(
  db: Database,
  path: string,
  innerBlankLine: boolean,
  quoted = true,
): Promise<string> {
  await db.exec(`create or replace temp table ${CSV_BLANK_LINES_TABLE} (line bigint)`);
  if (!innerBlankLine) return CSV_BLANK_LINES_TABLE;
  const appender = await db.raw.createAppender(CSV_BLANK_LINES_TABLE);
  for (const line of await emptyLines(path, quoted)) {
    appender.appendBigInt(BigInt(line));
    appender.endRow();
  }
  appender.closeSync();
  return CSV_BLANK_LINES_TABLE;
}

/**
 * The empty lines of a text file (nothing but CRs before the LF), counting a quoted field's
 * line breaks as part of its line where `quoted`. Line breaks and quotes are found by native
 * searches, and a line is looked at only until its first byte that is not a CR: a queue_log
 * of 10M lines in about half a second, where a loop over every byte took seconds (a 577 MB
 * canonical CSV, read as quoted: 1.6 s against 4.6 s).
 */
async function emptyLines(path: string, quoted: boolean): Promise<number[]> {
  const empty: number[] = [];
  let line = 1;
  let content = false;
  let inQuotes = false;
  const bytes = contentOf(path);
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      // The next LF and quote at or after i: -1 when the chunk has none left, -2 before the
      // first search (a file read as unquoted has no quote to look for).
      let nextLf = -2;
      let nextQuote = quoted ? -2 : -1;
      for (let i = 0; i < chunk.length; ) {
        if (nextQuote !== -1 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
        if (inQuotes) {
          // Inside quotes up to the closing quote, which is the line's content.
          if (nextQuote < 0) break;
          inQuotes = false;
          content = true;
          i = nextQuote + 1;
          continue;
        }
        if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf(LF, i);
        const stop = Math.min(nextLf < 0 ? chunk.length : nextLf, nextQuote < 0 ? chunk.length : nextQuote);
        for (let j = i; !content && j < stop; j++) content = chunk[j] !== CR;
        if (stop === chunk.length) break;
        i = stop + 1;
        if (stop === nextQuote) {
          inQuotes = true;
          continue;
        }
        if (!content) empty.push(line);
        line++;
        content = false;
      }
    }
  } finally {
    bytes.destroy();
  }
  return empty;
}

/**
 * SQL true when a text cell is a JSON object. DuckDB does not stop at the first false of an
 * `and`, so json_type (which fails on text that is not JSON) is only reached through a case.
 */
export function isJsonObject(cell: string): string {
  return `(case when json_valid(${cell}) then json_type(${cell}) = 'OBJECT' else false end)`;
}

async function openJsonLines(db: Database, path: string, mappedSources: readonly string[]): Promise<SourceRelation> {
  // Each line is read as one text cell, so a malformed line is a reject at its own line
  // instead of an error that stops the file.
  const lines = `(select line as json from ${linesOf(path)})`;
  const keys = (
    await db.query<{ key: string }>(
      `select distinct unnest(json_keys(json)) as key from ${lines} where ${isJsonObject('json')} order by key`,
    )
  ).map((k) => k.key);
  const topLevel = new Set(keys);
  const pathOf = (source: string) => (topLevel.has(source) ? [source] : source.split('.'));
  const cell = (source: string) =>
    `case when ${isJsonObject('json')} then json_extract_string(json, ${sqlString(jsonPath(pathOf(source)))}) end`;
  return {
    columns: [
      ...keys,
      ...(await nestedPaths(
        db,
        lines,
        mappedSources.filter((s) => s.includes('.') && !topLevel.has(s)),
        cell,
      )),
    ],
    select: (map) =>
      `select ${renamed(map, cell)}, json as _json, (json is null or trim(json) = '') as _blank from ${lines}`,
    firstLine: 1,
    jsonLines: true,
  };
}

/** `["Queue", "Name"]` → `$."Queue"."Name"` (each key quoted: keys may hold spaces or dots). */
export function jsonPath(keys: readonly string[]): string {
  return `$.${keys.map((key) => JSON.stringify(key)).join('.')}`;
}

/** The nested paths (`Queue.Name`) that some line of the file has. */
async function nestedPaths(
  db: Database,
  lines: string,
  paths: string[],
  cell: (source: string) => string,
): Promise<string[]> {
  if (paths.length === 0) return [];
  const [found] = await db.query<Record<string, string>>(
    `select ${paths.map((p, i) => `count(${cell(p)}) as p${i}`).join(', ')} from ${lines}`,
  );
  return paths.filter((_, i) => Number(found![`p${i}`]) > 0);
}

async function openParquet(db: Database, path: string): Promise<SourceRelation> {
  const reader = `read_parquet(${sqlString(path)})`;
  const columns = await describe(db, reader);
  return {
    columns,
    select: (map) => `select ${renamed(map, (s) => `cast(${quoteIdent(s)} as varchar)`)} from ${reader}`,
    firstLine: 1,
  };
}

async function openArrow(db: Database, path: string): Promise<SourceRelation> {
  let table: Table;
  try {
    const bytes = readFileSync(path);
    refuseIncompleteArrow(bytes);
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new Error(`not a readable Arrow IPC file or stream (${(error as Error).message})`);
  }
  const columns = table.schema.fields.map((f) => f.name);
  if (columns.length === 0) throw new Error('the Arrow file has no columns');
  await db.exec(
    `create or replace temp table ${ARROW_TABLE} (${columns.map((c) => `${quoteIdent(c)} varchar`).join(', ')})`,
  );
  const texts = columns.map((_, i) => arrowColumnText(table.getChildAt(i)!, table.schema.fields[i]!.type));
  const appender = await db.raw.createAppender(ARROW_TABLE);
  const chunkSize = 2048;
  for (let start = 0; start < table.numRows; start += chunkSize) {
    const end = Math.min(start + chunkSize, table.numRows);
    const chunk = DuckDBDataChunk.create(
      columns.map(() => VARCHAR),
      end - start,
    );
    chunk.setColumns(texts.map((values) => values.slice(start, end)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  return {
    columns,
    select: (map) => `select ${renamed(map, quoteIdent)} from ${ARROW_TABLE}`,
    firstLine: 1,
  };
}

const ARROW_MAGIC = Buffer.from('ARROW1');
const ARROW_END_OF_STREAM = Buffer.from('ffffffff00000000', 'hex');

/**
 * apache-arrow reads a cut-off stream (and some cut-off files) as the batches before the
 * cut, without a word. A whole IPC file ends with its magic; a whole stream with the
 * end-of-stream marker, which every current writer puts there.
 */
function refuseIncompleteArrow(bytes: Buffer): void {
  if (bytes.subarray(0, ARROW_MAGIC.length).equals(ARROW_MAGIC)) {
    if (
      bytes.length < 2 * ARROW_MAGIC.length ||
      !bytes.subarray(bytes.length - ARROW_MAGIC.length).equals(ARROW_MAGIC)
    ) {
      throw new Error('the Arrow file is truncated (no footer)');
    }
  } else if (!bytes.subarray(bytes.length - ARROW_END_OF_STREAM.length).equals(ARROW_END_OF_STREAM)) {
    throw new Error('the Arrow stream is truncated (no end-of-stream marker)');
  }
}

/** The first line of a text file (up to 64 KiB; of a .gz, of its first 8 KiB inflated), without a BOM. */
export function readHeaderLine(path: string): string {
  return headLines(readHead(path), 1)[0] ?? '';
}

/** The first `count` lines of a file's start (as readHead gives it). */
export function headLines(head: string, count: number): string[] {
  // A line ends at LF, CRLF or a lone CR (old Mac exports): DuckDB reads all three.
  return head.split(/\r\n|\n|\r/, count);
}

/** The bytes of a file readHead reads: 64 KiB, of a .gz its first 8 KiB (inflated). */
export function headBytes(path: string): number {
  return /\.gz$/i.test(path) ? 1 << 13 : 1 << 16;
}

/** The start of a text file as text (headBytes of it; a .gz inflated), without a BOM. */
export function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const compressed = /\.gz$/i.test(path);
    const buffer = Buffer.alloc(headBytes(path));
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytes);
    const data = compressed ? inflateHead(path, head) : head;
    return data.toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/** The start of a .gz inflated; zlib's own error ('incorrect header check') names no file. */
function inflateHead(path: string, head: Buffer): Buffer {
  try {
    // Sync flush: inflate what this much of the stream holds, without wanting its end.
    return gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (error) {
    throw new Error(`${path}: cannot read the file (broken gzip data: ${(error as Error).message})`);
  }
}

/** The candidate that splits the header line into the most fields, outside quotes. */
export function detectDelimiter(header: string): string {
  const candidates = [',', '\t', ';', '|'];
  const unquoted = header.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = unquoted.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}
