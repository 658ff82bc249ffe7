/**
 * Loads one file into its canonical table, as one transaction: the file is applied whole
 * (good rows upserted by key, bad rows to `rejects`, a `load_log` row) or, on any failure,
 * not at all. A file whose sha256 is already in `load_log` for the table is skipped.
 */
import { basename } from 'node:path';
import type { Database, QueryProgress } from '../db/database.ts';
import { CONTRACTS, type TableContract } from './contracts.ts';
import {
  mappedRelation,
  mappedSources,
  originalCell,
  rejectFields,
  resolveColumns,
  type ColumnMapping,
  type ResolvedColumns,
} from './column-mapping.ts';
import { isTextFormat } from './file-format.ts';
import type { InputFile } from './discover-files.ts';
import { scanFile, type FileScan } from './file-scan.ts';
import { isJsonObject, lineShiftSteps, openSource, readHead, type SourceRelation } from './read-source.ts';
import { absentValue, quoteIdent, sqlString, stageSql, TYPE_REASONS } from './staging-sql.ts';
import { chooseEncoding, transcodeToUtf8, type TextEncoding } from './transcode.ts';
import { literalPath } from '../files/literal-path.ts';
import { readerErrorLine } from './reader-errors.ts';
import type { Config } from '../config/config-schema.ts';
import { sourceAdapter, sourceAdapters } from './sources/registry.ts';
import { SOURCE_NAMES, type AdapterRelation, type SourceName, type SourceReport } from './sources/source-adapter.ts';

export interface LoadFileOptions {
  mapping?: ColumnMapping;
  /** Force the text encoding; by default a BOM's, else UTF-8, else GB18030 on its evidence (see chooseEncoding). */
  encoding?: TextEncoding;
  /** Told about how many records have been read while a file is read (for a progress line). */
  onRows?: (input: InputFile, rows: number) => void;
  /** The run's configuration: source adapters read their settings from it. */
  config?: Config;
}

export interface FileLoadResult {
  file: string;
  table: string;
  status: 'loaded' | 'skipped';
  loadId: number | null;
  rows: number;
  loaded: number;
  /** Source records rejected (a record with several problems counts once). */
  rejected: number;
  encoding: TextEncoding | null;
  unknownColumns: string[];
  /** Source columns the mapping names that the file does not have. */
  missingMapped: string[];
  /** For a phone system's export: the adapter and what it made and left out. */
  source?: { name: SourceName; report: SourceReport };
  /** Rows the file replaced by key that another origin had loaded (see replacedFromOtherOrigins). */
  replacedFrom: ReplacedRows[];
  /**
   * Of the rejected records, those an earlier load of the same path rejected as they are
   * (same line, reason and text): a file read again as it grows (a PBX's log) brings its old
   * bad lines again, and they are not news.
   */
  rejectedBefore: number;
}

/** Rows of one origin (a phone-system source, or canonical files) that a file replaced. */
export interface ReplacedRows {
  origin: string;
  rows: number;
}

/** A file that could not be applied at all; the database is as it was before. */
export class FileLoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'FileLoadError';
  }
}

const STAGE = 'stage';

export async function loadFile(
  db: Database,
  input: InputFile,
  options: LoadFileOptions = {},
  /** The file's scan, when the caller started it early (see loadFiles). */
  scanning: Promise<FileScan> = scanFile(input.path),
): Promise<FileLoadResult> {
  const contract = CONTRACTS[input.table];
  const name = basename(input.path);
  const started = new Date();
  const base = {
    file: input.path,
    table: input.table,
    unknownColumns: [] as string[],
    missingMapped: [] as string[],
    replacedFrom: [] as ReplacedRows[],
    rejectedBefore: 0,
  };
  // A name with glob characters is read through a plain-named link (DuckDB would expand it).
  const literal = literalPath(input.path);
  let transcoded: Awaited<ReturnType<typeof transcodeToUtf8>> | null = null;
  // The scan's failure is looked at in scanned(); marked as seen now, before the first await.
  scanning.catch(() => undefined);
  const tempsBefore = await tempTables(db);
  try {
    // A phone system's export at a path never loaded before is read by its adapter while the
    // file is hashed: the hash says only whether the file was loaded already, and the read
    // stands when the file turns out new and UTF-8, as exports nearly always are. (A path
    // loaded before is hashed first: a nightly sees the same files again and again.)
    const early =
      input.source && (await isNewPath(db, input.path))
        ? settled(openAdapter(db, input.source, literal.path, options, blankLineIn(scanning)))
        : null;
    const scan = await scanned(input.path, scanning, early);
    const seen = await db.scalar('select load_id from load_log where sha256 = $1 and "table" = $2 limit 1', [
      scan.sha256,
      input.table,
    ]);
    if (seen !== null)
      return { ...base, status: 'skipped', loadId: Number(seen), rows: 0, loaded: 0, rejected: 0, encoding: null };

    const text = isTextFormat(input.format);
    const encoding: TextEncoding | null = text
      ? await chooseEncoding(input.path, scan, options.encoding).catch(fail(input.path))
      : null;
    transcoded =
      encoding !== null && encoding !== 'utf-8'
        ? await transcodeToUtf8(input.path, encoding).catch(fail(input.path))
        : null;
    const readable = transcoded?.path ?? literal.path;
    // Lines, empty lines and the final line break of the text DuckDB reads (UTF-16 has other bytes for them).
    const content = transcoded ? await scanFile(readable).catch(fail(input.path)) : scan;
    if (input.format === 'jsonl' && !input.source) refuseWholeJson(input.path, readable);
    const mapping = input.source ? undefined : options.mapping;
    const source: SourceRelation | AdapterRelation = input.source
      ? await (early && !transcoded
          ? early.then(outcome)
          : openAdapter(db, input.source, readable, options, Promise.resolve(content.innerBlankLine))
        ).catch(fail(input.path))
      : await openSource(db, readable, input.format, contract, {
          innerBlankLine: content.innerBlankLine,
          mappedSources: mappedSources(mapping, input.table),
        }).catch(fail(input.path));
    // An adapter names its columns canonically and applies the mapping itself.
    const resolved = resolveColumns(input.table, source.columns, mapping);
    if (resolved.missingRequired.length > 0)
      throw new FileLoadError(input.path, missingColumns(resolved.missingRequired, source));
    // The staged copy is a temp table built outside the transaction: its rowids then count
    // from 0 in file order (inside a transaction they start at a large offset).
    // DuckDB's own row estimate for a text file can be far off; its share of bytes read is
    // not, so the records read are that share of the file's estimated lines.
    const records = Math.max(content.estimatedLines - (source.firstLine - 1), 0);
    const onProgress =
      options.onRows &&
      (({ fraction, rows }: QueryProgress) => options.onRows!(input, text ? Math.round(fraction * records) : rows));
    // A delimited file's cells are its bytes: without a NUL byte, none holds a NUL.
    const nulFree = (input.format === 'csv' || input.format === 'tsv') && !content.nulByte;
    const staged = await stageFile(db, contract, source, resolved, nulFree, onProgress).catch(fail(input.path));
    const meta = {
      name,
      path: input.path,
      sha256: scan.sha256,
      format: input.source ?? input.format,
      encoding,
      started,
      endsWithNewline: content.endsWithNewline || !text,
    };
    const counts = await db.transaction(() => applyFile(db, contract, source, staged, meta)).catch(fail(input.path));
    const adapted = isAdapted(source) ? { source: { name: input.source!, report: source.report } } : {};
    return {
      ...base,
      status: 'loaded',
      encoding,
      unknownColumns: resolved.unknown,
      missingMapped: resolved.missingMapped,
      ...counts,
      ...adapted,
    };
  } finally {
    transcoded?.cleanup();
    literal.cleanup();
    await dropTempsSince(db, tempsBefore).catch(() => undefined);
  }
}

async function tempTables(db: Database): Promise<Set<string>> {
  const rows = await db.query<{ name: string }>('select table_name as name from duckdb_tables() where temporary');
  return new Set(rows.map((r) => r.name));
}

/**
 * Drops the temp tables a file's load made (the stage, an adapter's pivot tables). Left in
 * place they would cost memory until the next file, and the next checkpoint time: a 2M-event
 * queue_log's pivot tables made its checkpoint 30 times slower.
 */
async function dropTempsSince(db: Database, before: ReadonlySet<string>): Promise<void> {
  const made = [...(await tempTables(db))].filter((name) => !before.has(name));
  if (made.length > 0) await db.exec(made.map((name) => `drop table if exists temp.${quoteIdent(name)};`).join('\n'));
}

/**
 * The message for required columns the file lacks. A first line that looks like a record
 * is not printed: it would be personal data.
 */
function missingColumns(missing: string[], source: SourceRelation): string {
  const what = `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
  if (source.headerLooksLikeData) {
    return `${what}: line 1 looks like data, not a header (a cell starts with a digit); the first line must name the columns`;
  }
  // Names as the file has them, control characters escaped (a UTF-16 file read as UTF-8 has NULs).
  const names = source.columns.map((c) => JSON.stringify(c).slice(1, -1));
  return `${what} (the file has: ${names.join(', ')}; use --map to rename)`;
}

/**
 * A table's .json file is read as JSON Lines; one JSON array or one pretty-printed object
 * (its "{" alone on the first line) would otherwise be a reject on every line.
 */
function refuseWholeJson(file: string, readable: string): void {
  const head = readHead(readable).trimStart();
  const array = head.startsWith('[');
  if (!array && !/^\{[ \t]*\r?\n/.test(head)) return;
  const sources = sourceAdapters()
    .filter((a) => a.format === 'jsonl')
    .map((a) => a.name);
  throw new FileLoadError(
    file,
    `${array ? 'a JSON array' : 'a pretty-printed JSON object'}, not JSON Lines (one object per line): ` +
      `convert it (jq -c ${array ? "'.[]'" : '.'}), or load a phone system's export with --source ${sources.join(' or ')}`,
  );
}

function isAdapted(source: SourceRelation): source is AdapterRelation {
  return 'report' in source;
}

/**
 * Whether the scan saw an empty line before the file's last line, for an adapter that reads
 * while the file is scanned. Never rejected: a scan that fails fails the load (scanned), and an
 * adapter that does not ask must not leave a rejection nobody handles.
 */
function blankLineIn(scanning: Promise<FileScan>): Promise<boolean> {
  return scanning.then(
    (scan) => scan.innerBlankLine,
    () => false,
  );
}

function openAdapter(
  db: Database,
  name: SourceName,
  path: string,
  options: LoadFileOptions,
  innerBlankLine: Promise<boolean>,
): Promise<AdapterRelation> {
  if (!options.config) throw new Error(`reading a ${name} export needs the run's configuration`);
  return sourceAdapter(name).open(db, path, { config: options.config, mapping: options.mapping, innerBlankLine });
}

/** Whether no file was loaded from this path before (a new export, not last night's again). */
async function isNewPath(db: Database, path: string): Promise<boolean> {
  return (await db.scalar('select not exists (select 1 from load_log where file = $1)', [path])) === true;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects: its outcome is looked at later, or not at all. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function outcome<T>(result: Settled<T>): T {
  if (result.ok) return result.value;
  throw result.error;
}

/**
 * The file's scan. A read started early is let finish first, so that no statement is left
 * running on the connection when this throws.
 */
async function scanned(path: string, scanning: Promise<FileScan>, early: Promise<unknown> | null): Promise<FileScan> {
  try {
    return await scanning;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const why = code?.startsWith('Z_') ? `broken gzip data: ${message}` : (code ?? message);
    throw new FileLoadError(path, `cannot read the file (${why})`);
  } finally {
    await early;
  }
}

/** A failure while reading or applying `file`, as one line about the file (the whole error is its cause). */
function fail(file: string) {
  return async (error: unknown): Promise<never> => {
    if (error instanceof FileLoadError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new FileLoadError(file, await readerErrorLine(file, message), { cause: error });
  };
}

interface FileMeta {
  name: string;
  path: string;
  sha256: string;
  format: string;
  encoding: string | null;
  started: Date;
  endsWithNewline: boolean;
}

interface Staged {
  /** SQL of a staged record's line (over `s.ordinal` and `line_shift`). */
  line: string;
  /** The same for the staged row `row` (with `ordinal`) and its shift row `shift`. */
  lineOf(row: string, shift: string): string;
  /** Extra staged columns a reject query must carry (the adapter's line column). */
  carry: string;
  /** SQL over the stage's own columns that orders its rows as the file's lines. */
  order: string;
  /** canonical column → source column */
  sources: ReadonlyMap<string, string>;
  /** Canonical columns the stage holds (the file has them, or the mapping sets them). */
  present: ReadonlySet<string>;
  /** Whether `line_shift` has rows (broken CSV lines to step over). */
  shifted: boolean;
  /** SQL of a reject's reason, value and record, and the staged columns they read (see rejectFields). */
  rejects: ReturnType<typeof rejectFields>;
}

/** Stages the file (typed, checked) into the temp table `stage`. */
async function stageFile(
  db: Database,
  contract: TableContract,
  source: SourceRelation,
  resolved: ResolvedColumns,
  nulFree: boolean,
  onProgress?: (progress: QueryProgress) => void,
): Promise<Staged> {
  const { sources, constants, times } = resolved;
  const present = new Set([...sources.keys(), ...constants.keys()]);
  // A JSON line that is no object is one reject. (Marking it with an update afterwards would
  // move the row: DuckDB updates a list column as delete + insert, and the rowid is the line.)
  // A line that is no JSON object is one reject; so is one that gives a key twice (a reader
  // would take either value: DuckDB the first), naming that key.
  const keys = 'json_keys(_json)';
  const unreadable = {
    when: `not ${isJsonObject('_json')} or (case when json_valid(_json) then len(${keys}) <> len(list_distinct(${keys})) else false end)`,
    column: `case when ${isJsonObject('_json')} then list_filter(${keys}, (k, i) -> list_position(${keys}, k) <> i)[1] end`,
    reason: `case when ${isJsonObject('_json')} then 'the key is given twice in the record' else 'not a JSON object' end`,
    raw: '_json',
  };
  const passThrough = [
    ...(source.jsonLines ? ['_json', '_blank'] : source.lineColumn ? [source.lineColumn] : []),
    ...[...times.keys()].map(originalCell),
  ];
  const relation = mappedRelation(source.select(sources), resolved, contract.columns, source.typed ?? false);
  const sql = stageSql(contract, relation, {
    present,
    target: STAGE,
    passThrough,
    readerTyped: source.typed,
    canonicalTyped: source.canonicalTyped,
    nulFree,
    ...(source.jsonLines && { unreadable }),
  });
  if (onProgress) await db.execWithProgress(sql, onProgress);
  else await db.exec(sql);
  if (source.jsonLines) {
    // Blank lines carry no record; deleting them keeps the other rows' rowids (ordinals).
    await db.exec(`delete from ${STAGE} where _blank`);
  }
  return { ...(await lineExpression(db, source)), sources, present, rejects: rejectFields(times, contract.columns) };
}

async function applyFile(
  db: Database,
  contract: TableContract,
  source: SourceRelation,
  staged: Staged,
  meta: FileMeta,
): Promise<Pick<FileLoadResult, 'loadId' | 'rows' | 'loaded' | 'rejected' | 'replacedFrom' | 'rejectedBefore'>> {
  const { line, rejects } = staged;
  const loadId = Number(await db.scalar("select nextval('load_id_seq')"));
  const keep = 'not _bad';
  const common = `${loadId} as load_id, ${sqlString(meta.path)} as file, ${sqlString(contract.name)} as "table"`;

  // Each kind of reject goes in through insertSelect: an empty insert must not hide a later
  // large one (a DuckDB bug, see Database.insertSelect).
  // Cell and row rule problems, one reject row per problem.
  await db.insertSelect(
    'rejects',
    `select ${common}, ${line} as line, p.column as "column", ${rejects.reason} as reason, ${rejects.value} as value, ${rejects.raw} as raw
    from (select rowid as ordinal, unnest(_problems) as p, _raw${staged.carry}${rejects.carry} from ${STAGE} where _bad) s
    left join line_shift using (ordinal)`,
  );
  if (source.structuralRejects) {
    await db.insertSelect('rejects', structuralRejectsSql(source.structuralRejects, contract, staged.sources, common));
  }
  if (source.readerRejects) {
    await db.insertSelect(
      'rejects',
      `select ${common}, line, "column", reason, value, raw from ${source.readerRejects} order by line`,
    );
  }
  await refuseTruncated(db, loadId, staged, meta);
  const distinct = isAdapted(source) && source.distinctKeys === true;
  const duplicates = distinct ? 0 : await rejectDuplicateKeys(db, contract, keep, common, staged);

  const columns = contract.columns.map((c) => quoteIdent(c.name)).join(', ');
  // The anti-join and the replace-delete cost a pass over millions of staged rows; skip them
  // when there is nothing to leave out (no repeats) or nothing to replace (an empty table).
  const fresh = duplicates > 0 ? `${keep} and rowid not in (select ordinal from duplicate_rows)` : keep;
  const target = quoteIdent(contract.name);
  const hasRows = (await db.scalar(`select exists (select 1 from ${target})`)) === true;
  const replacedFrom =
    hasRows && contract.key.length > 0 ? await replacedFromOtherOrigins(db, contract, fresh, meta.format) : [];
  if (hasRows && contract.key.length > 0) {
    const key = contract.key.map(quoteIdent).join(', ');
    await db.exec(`delete from ${target} where (${key}) in (select (${key}) from ${STAGE} where ${fresh})`);
  } else if (hasRows && contract.replaceBy) {
    const by = quoteIdent(contract.replaceBy);
    await db.exec(`delete from ${target} where ${by} in (select ${by} from ${STAGE} where ${fresh})`);
  }
  const values = contract.columns.map((c) => (staged.present.has(c.name) ? quoteIdent(c.name) : absentValue(c)));
  const insert = `insert into ${quoteIdent(contract.name)} (${columns}, load_id, source_line)
    select ${values.join(', ')}, ${loadId}, ${line}
    from (select rowid as ordinal, * from ${STAGE} where ${fresh}) s
    ${staged.shifted ? 'left join line_shift using (ordinal)' : ''}`;
  // Canonical rows need no order (source_line keeps the file's); see TableContract.unorderedWrite.
  if (contract.unorderedWrite) await db.exec('set preserve_insertion_order = false');
  try {
    await db.exec(insert);
  } finally {
    if (contract.unorderedWrite) await db.exec('reset preserve_insertion_order');
  }

  const [summary] = await db.query<{ rows: string; loaded: string; bad: string }>(
    `select count(*) as rows, count(*) filter (where ${keep}) as loaded, count(*) filter (where _bad) as bad from ${STAGE}`,
  );
  if (isAdapted(source)) await source.commit?.(db, loadId);
  const refused = source.structuralRejects ?? source.readerRejects;
  const structural = refused ? Number(await db.scalar(`select count(distinct line) from ${refused}`)) : 0;
  // An adapter's rows are the records it read (events, contact records), not the calls it made.
  const rows = isAdapted(source) ? source.report.records : Number(summary!.rows) + structural;
  const loaded = Number(summary!.loaded) - duplicates;
  const rejected = Number(summary!.bad) + structural + duplicates;
  await db.exec(`insert into load_log values (${loadId}, $1, $2, $3, $4, $5, $6, $7, $8, $9, now())`, [
    meta.path,
    meta.sha256,
    contract.name,
    meta.format,
    meta.encoding,
    rows,
    loaded,
    rejected,
    meta.started.toISOString(),
  ]);
  await db.exec('drop table if exists duplicate_rows');
  const rejectedBefore = rejected > 0 ? await rejectedByEarlierLoads(db, loadId, meta.path, contract.name) : 0;
  return { loadId, rows, loaded, rejected, replacedFrom, rejectedBefore };
}

/** How many of this load's rejected lines an earlier load of the same path rejected as they are. */
async function rejectedByEarlierLoads(db: Database, loadId: number, path: string, table: string): Promise<number> {
  const count = await db.scalar(
    `select count(distinct this_load.line)
    from rejects this_load
    semi join rejects earlier
      on earlier.file = this_load.file
      and earlier."table" = this_load."table"
      and earlier.load_id < this_load.load_id
      and earlier.line = this_load.line
      and earlier.reason = this_load.reason
      and earlier.raw is not distinct from this_load.raw
    where this_load.load_id = $1 and this_load.file = $2 and this_load."table" = $3`,
    [loadId, path, table],
  );
  return Number(count);
}

/** Where a load's rows came from, from its load_log format (an SQL expression): the source that read them, or canonical files. */
const originOf = (format: string) =>
  `case when ${format} in (${SOURCE_NAMES.map(sqlString).join(', ')}) then ${format} else 'canonical files' end`;

/**
 * The rows the staged file is about to replace by key that another origin loaded: the same
 * calls from a queue_log and from a CDR (or canonical files), say. The later file's values
 * win, which the load then says rather than switching them silently. Costs one query when
 * no other origin ever loaded the table.
 */
async function replacedFromOtherOrigins(
  db: Database,
  contract: TableContract,
  fresh: string,
  format: string,
): Promise<ReplacedRows[]> {
  // A load of another origin than this file's format (the parameter `param`).
  const other = (param: string) => `${originOf('format')} <> ${originOf(`${param}::varchar`)}`;
  const others = await db.scalar(`select exists (select 1 from load_log where "table" = $1 and ${other('$2')})`, [
    contract.name,
    format,
  ]);
  if (others !== true) return [];
  const key = contract.key.map(quoteIdent).join(', ');
  const rows = await db.query<{ origin: string; rows: bigint }>(
    `select ${originOf('format')} as origin, count(*) as rows
    from ${quoteIdent(contract.name)} join load_log using (load_id)
    where (${key}) in (select (${key}) from ${STAGE} where ${fresh}) and ${other('$1')}
    group by all
    order by origin`,
    [format],
  );
  return rows.map((r) => ({ origin: r.origin, rows: Number(r.rows) }));
}

/**
 * The SQL for a staged record's line. Records are numbered from `firstLine`; in CSV, lines
 * DuckDB set aside as broken, and the empty lines it skipped, sit between good records, so a
 * good record's line is shifted by those lines before it (the `line_shift` table, by
 * ordinal, empty when none).
 */
async function lineExpression(
  db: Database,
  source: SourceRelation,
): Promise<Omit<Staged, 'sources' | 'present' | 'rejects'>> {
  await db.exec('create or replace temp table line_shift (ordinal bigint, shift bigint)');
  if (source.lineColumn) {
    const column = quoteIdent(source.lineColumn);
    return {
      line: `s.${column}`,
      lineOf: (row) => `${row}.${column}`,
      carry: `, ${column}`,
      order: column,
      shifted: false,
    };
  }
  const plain = {
    line: `s.ordinal + ${source.firstLine}`,
    lineOf: (row: string) => `${row}.ordinal + ${source.firstLine}`,
    carry: '',
    order: 'rowid',
    shifted: false,
  };
  if (!source.structuralRejects) return plain;
  const skipped = `select line from ${source.structuralRejects}${source.blankLines ? ` union select line from ${source.blankLines}` : ''}`;
  // Most files have no skipped line: then every record's line is its ordinal plus the header.
  if ((await db.scalar(`select exists (${skipped})`)) !== true) return plain;
  // Skipped lines are broken or empty ones; a good record is shifted past those before it.
  await db.exec(`insert into line_shift
    with steps as (${lineShiftSteps(skipped, source.firstLine)})
    select s.ordinal, steps.shift
    from (select rowid as ordinal from ${STAGE}) s
    asof join steps on s.ordinal >= steps.rows_before`);
  return {
    line: `${plain.line} + coalesce(line_shift.shift, 0)`,
    lineOf: (row: string, shift: string) => `${row}.ordinal + ${source.firstLine} + coalesce(${shift}.shift, 0)`,
    carry: '',
    order: 'rowid',
    shifted: true,
  };
}

/**
 * A text file cut off in transfer (no final line break, last record rejected) is not
 * applied. The last record may be broken in shape (too few columns) or only in a cell
 * ('2026-11-20 10:3' cut from a timestamp), so any reject on the last line counts.
 */
async function refuseTruncated(db: Database, loadId: number, staged: Staged, meta: FileMeta): Promise<void> {
  if (meta.endsWithNewline) return;
  const lastRejected = await db.scalar<bigint>('select max(line) from rejects where load_id = $1', [loadId]);
  if (lastRejected === null) return;
  const lastStaged = await db.scalar<bigint>(
    `select max(${staged.line}) from (select rowid as ordinal${staged.carry} from ${STAGE}) s left join line_shift using (ordinal)`,
  );
  if (lastStaged === null || lastRejected >= lastStaged) {
    throw new Error(`the file looks truncated: its last line (${lastRejected}) is incomplete and has no line break`);
  }
}

/**
 * Within one file a key may appear once: repeats on later lines are rejected, naming the
 * line of the first (a re-sent corrected row belongs in a new file, which then replaces it).
 */
async function rejectDuplicateKeys(
  db: Database,
  contract: TableContract,
  keep: string,
  common: string,
  staged: Staged,
): Promise<number> {
  await db.exec('create or replace temp table duplicate_rows (ordinal bigint, first_ordinal bigint)');
  if (contract.key.length === 0) return 0;
  const key = contract.key.map(quoteIdent).join(', ');
  const repeats = Number(await db.scalar(`select count(*) - count(distinct (${key})) from ${STAGE} where ${keep}`));
  if (repeats === 0) return 0;
  await db.exec(`insert into duplicate_rows
    select ordinal, first_ordinal from (
      select rowid as ordinal, first_value(rowid) over (partition by ${key} order by ${staged.order}, rowid) as first_ordinal
      from ${STAGE} where ${keep}
    ) where ordinal <> first_ordinal`);
  const keyText =
    contract.key.length === 1
      ? `s.${quoteIdent(contract.key[0]!)}`
      : `concat_ws('|', ${contract.key.map((k) => `s.${quoteIdent(k)}`).join(', ')})`;
  await db.insertSelect(
    'rejects',
    `select ${common}, ${staged.line} as line, ${sqlString(contract.key.join('+'))} as "column",
      'duplicate key (first seen on line ' || (${staged.lineOf('f', 'first_shift')}) || ')' as reason, ${keyText} as value, null as raw
    from duplicate_rows d
    join (select rowid as ordinal, * from ${STAGE}) s on s.ordinal = d.ordinal
    join (select rowid as ordinal, * from ${STAGE}) f on f.ordinal = d.first_ordinal
    left join line_shift on line_shift.ordinal = s.ordinal
    left join line_shift first_shift on first_shift.ordinal = d.first_ordinal`,
  );
  return Number(await db.scalar('select count(*) from duplicate_rows'));
}

/**
 * Lines DuckDB's CSV reader set aside: a cell that did not parse (one reject per cell,
 * with the contract's reason and the cell's text) or a line of the wrong shape.
 */
function structuralRejectsSql(
  table: string,
  contract: TableContract,
  sources: ReadonlyMap<string, string>,
  common: string,
): string {
  const byColumn = contract.columns.filter((c) => sources.has(c.name));
  const canonical = `case column_name ${byColumn.map((c) => `when ${sqlString(sources.get(c.name)!)} then ${sqlString(c.name)}`).join(' ')} else column_name end`;
  const reason = `case column_name ${byColumn.map((c) => `when ${sqlString(sources.get(c.name)!)} then ${sqlString(TYPE_REASONS[c.type] ?? 'not readable')}`).join(' ')} else 'not readable' end`;
  return `select ${common}, line, ${canonical} as "column", ${reason} as reason,
      regexp_extract(error_message, 'Could not convert string "(.*)" to', 1) as value, csv_line as raw
    from ${table} where error_type = 'CAST'
    union all
    select ${common}, line, any_value(column_name), string_agg(distinct lower(error_type), '; ') || ' (' || any_value(error_message) || ')', null, any_value(csv_line)
    from ${table} where error_type <> 'CAST' group by line
    order by line`;
}
