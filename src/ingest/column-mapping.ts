/**
 * Matches a file's source columns to the canonical columns of its table: a mapping file
 * (`--map`) first, then the column's own name (case and surrounding spaces ignored).
 * Columns that match nothing are left out of the canonical table and listed in the load
 * summary. A mapping can also give a column one value for every row, read a column's times
 * from epoch numbers or another layout, and keep a file's column that has one of our names
 * out of the load.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors/usage-error.ts';
import { CONTRACTS, isTableName, type ColumnContract, type TableName } from './contracts.ts';
import { READER_TYPES, TYPE_REASONS } from './staging-sql.ts';
import { quoteIdent, sqlString } from '../db/sql.ts';

/** How a canonical timestamp (or, with `format`, date) column is read from source column `from`. */
export interface TimeSpec {
  from: string;
  /** The cell is seconds or milliseconds since 1970-01-01 UTC. */
  epoch?: 's' | 'ms';
  /** The cell is in this DuckDB strptime format; without %z it is local time, like other naive times. */
  format?: string;
}

export type Constant = string | number | boolean;

/**
 * One entry of a table's mapping, as the mapping file spells it:
 * - `"source column": "canonical"` (a string): the source column feeds that column; in
 *   JSON Lines a dotted source that is no top-level key is a nested path (`Queue.Name`);
 * - `"source column": null`: the file's column of that name is not read;
 * - `"canonical": {"const": value}`: every row has this value;
 * - `"canonical": {"from": "source", "epoch": "s"|"ms"}` or `{"from": ..., "format": ...}`.
 * So a string or null is keyed by a source column, an object by a canonical column.
 */
export type MappingEntry = string | null | { const: Constant } | TimeSpec;
export type ColumnMapping = Partial<Record<TableName, Record<string, MappingEntry>>>;

export interface ResolvedColumns {
  /** canonical column → source column */
  sources: Map<string, string>;
  /** canonical column → the value every row gets */
  constants: Map<string, Constant>;
  /** canonical column (with a source) → how its cells are read */
  times: Map<string, TimeSpec>;
  /** source columns that feed no canonical column */
  unknown: string[];
  /** required canonical columns the file lacks */
  missingRequired: string[];
  /** source columns the mapping names that the file does not have */
  missingMapped: string[];
}

const nameKey = (name: string) => name.trim().toLowerCase();

export function readMapping(path: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`bad mapping file ${path}: ${(error as Error).message}`);
  }
  const bad = (message: string) => new UsageError(`bad mapping file ${path}: ${message}`);
  if (!isObject(json)) throw bad('expected an object of table name → {source column: canonical column}');
  const mapping: ColumnMapping = {};
  for (const [table, columns] of Object.entries(json)) {
    if (!isTableName(table)) throw bad(`unknown table "${table}"`);
    if (!isObject(columns)) throw bad(`"${table}" must map source to canonical column names`);
    mapping[table] = tableMapping(table, columns, bad);
  }
  return mapping;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tableMapping(
  table: TableName,
  columns: Record<string, unknown>,
  bad: (message: string) => UsageError,
): Record<string, MappingEntry> {
  const contract = new Map(CONTRACTS[table].columns.map((c) => [c.name, c]));
  const out: Record<string, MappingEntry> = {};
  const put = (key: string, entry: MappingEntry) => {
    if (Object.hasOwn(out, key) && out[key] !== entry)
      throw bad(`${table}."${key}" is mapped twice (${JSON.stringify(out[key])} and ${JSON.stringify(entry)})`);
    out[key] = entry;
  };
  for (const [key, value] of Object.entries(columns)) {
    const where = `${table}."${key}"`;
    if (typeof value === 'string' && contract.has(value)) put(key, value);
    else if (typeof value === 'string' && contract.has(key)) {
      // {"canonical": "Source.Path"}: the mapping names the column's source, so a file
      // column that merely has the canonical name is not read.
      put(value, key);
      if (nameKey(value) !== key) put(key, null);
    } else if (value === null) {
      if (!contract.has(nameKey(key)))
        throw bad(
          `${where}: null keeps a file column out of the load, but "${key}" is no ${table} column (other columns are ignored anyway)`,
        );
      put(key, null);
    } else if (isObject(value) && contract.has(key)) {
      put(
        key,
        columnSpec(contract.get(key)!, value, (message) => bad(`${where}: ${message}`)),
      );
    } else {
      throw bad(`${where} maps to unknown column ${JSON.stringify(value)}`);
    }
  }
  checkSources(table, out, bad);
  return out;
}

/** A `{"const": ...}` or `{"from": ...}` entry, checked against the column it fills. */
function columnSpec(
  column: ColumnContract,
  spec: Record<string, unknown>,
  bad: (message: string) => UsageError,
): MappingEntry {
  const keys = Object.keys(spec).sort().join(',');
  if (keys === 'const') return { const: constantFor(column, spec.const, bad) };
  if (keys !== 'epoch,from' && keys !== 'format,from') {
    throw bad(
      'expected {"const": value}, {"from": "source", "epoch": "s" or "ms"} or {"from": "source", "format": "%d/%m/%Y %H:%M:%S"}',
    );
  }
  if (typeof spec.from !== 'string' || spec.from === '') throw bad('"from" must name a source column');
  if (keys === 'epoch,from') {
    if (column.type !== 'timestamp')
      throw bad(`epoch times fill timestamp columns; ${column.name} is a ${column.type} column`);
    if (spec.epoch !== 's' && spec.epoch !== 'ms')
      throw bad(`"epoch" must be "s" or "ms", not ${JSON.stringify(spec.epoch)}`);
    return { from: spec.from, epoch: spec.epoch };
  }
  if (column.type !== 'timestamp' && column.type !== 'date')
    throw bad(`a time format fills timestamp or date columns; ${column.name} is a ${column.type} column`);
  if (typeof spec.format !== 'string' || !spec.format.includes('%'))
    throw bad('"format" must be a strptime format such as "%d/%m/%Y %H:%M:%S"');
  return { from: spec.from, format: spec.format };
}

const CONSTANT_KINDS: Record<ColumnContract['type'], string> = {
  text: 'a non-empty string',
  timestamp: 'a non-empty string',
  date: 'a non-empty string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

/**
 * A constant must already be the column's kind of JSON value (a number for a number column,
 * true/false for a boolean, one of the allowed values for a column that has them); timestamps
 * and dates are text and are then checked on every row like any cell.
 */
function constantFor(column: ColumnContract, value: unknown, bad: (message: string) => UsageError): Constant {
  const fits = {
    text: typeof value === 'string' && value.trim() !== '',
    timestamp: typeof value === 'string' && value.trim() !== '',
    date: typeof value === 'string' && value.trim() !== '',
    number: typeof value === 'number',
    integer: Number.isInteger(value),
    boolean: typeof value === 'boolean',
  }[column.type];
  if (!fits)
    throw bad(
      `the constant ${JSON.stringify(value)} does not fit ${column.name}: expected ${CONSTANT_KINDS[column.type]}`,
    );
  if (column.values && !column.values.some((allowed) => allowed.toLowerCase() === String(value).toLowerCase())) {
    throw bad(`the constant ${JSON.stringify(value)} is not one of ${column.values.join(', ')}`);
  }
  return value as Constant;
}

/** A source column feeds one column, and a column with a constant or a time entry has no other source. */
function checkSources(
  table: TableName,
  entries: Record<string, MappingEntry>,
  bad: (message: string) => UsageError,
): void {
  const fedBy = new Map<string, string>();
  for (const [key, entry] of Object.entries(entries)) {
    const [source, canonical] = typeof entry === 'string' ? [key, entry] : isTimeSpec(entry) ? [entry.from, key] : [];
    if (source === undefined || canonical === undefined) continue;
    const other = fedBy.get(source);
    if (other !== undefined && other !== canonical)
      throw bad(`${table}."${source}" feeds both ${other} and ${canonical}`);
    fedBy.set(source, canonical);
    const own = Object.hasOwn(entries, canonical) ? entries[canonical] : null;
    if (typeof entry === 'string' && isObject(own))
      throw bad(`${table}.${canonical} has its own entry and also the source column "${source}"`);
  }
}

function isTimeSpec(entry: MappingEntry): entry is TimeSpec {
  return isObject(entry) && 'from' in entry;
}

/** The entries by role: source → canonical (time sources included), dropped names, columns with their own entry. */
function splitEntries(entries: Record<string, MappingEntry> = {}) {
  const renames = new Map<string, string>();
  const dropped = new Set<string>();
  const constants = new Map<string, Constant>();
  const times = new Map<string, TimeSpec>();
  for (const [key, entry] of Object.entries(entries)) {
    if (typeof entry === 'string') renames.set(key, entry);
    else if (entry === null) dropped.add(nameKey(key));
    else if (isTimeSpec(entry)) {
      times.set(key, entry);
      renames.set(entry.from, key);
    } else constants.set(key, entry.const);
  }
  const claimed = new Set([...constants.keys(), ...times.keys()]);
  return { renames, dropped, constants, times, claimed };
}

/** The source columns a table's mapping names (time sources included), for readers that look them up. */
export function mappedSources(mapping: ColumnMapping | undefined, table: TableName): string[] {
  return [...splitEntries(mapping?.[table]).renames.keys()];
}

export function resolveColumns(
  table: TableName,
  sourceColumns: string[],
  mapping: ColumnMapping = {},
): ResolvedColumns {
  const contract = CONTRACTS[table];
  const canonical = new Set(contract.columns.map((c) => c.name));
  const { renames, dropped, constants, times, claimed } = splitEntries(mapping[table]);
  const containers = containersOf(renames.keys());
  const sources = new Map<string, string>();
  const unused: string[] = [];
  for (const source of sourceColumns) {
    const mapped = renames.get(source) ?? renames.get(source.trim());
    // A column with a constant or a time entry takes nothing from a same-named file column.
    const byName =
      dropped.has(nameKey(source)) || claimed.has(nameKey(source)) || containers.has(source)
        ? undefined
        : nameKey(source);
    const target = mapped ?? byName;
    if (target !== undefined && canonical.has(target) && !sources.has(target)) sources.set(target, source);
    else unused.push(source);
  }
  // A JSON object whose nested field is read (`Queue` of `Queue.Name`) is not an ignored column.
  const read = [...sources.values()];
  const unknown = unused.filter((column) => !read.some((source) => source.startsWith(`${column}.`)));
  const present = new Set(sourceColumns.flatMap((c) => [c, c.trim()]));
  return {
    sources,
    constants,
    times: new Map([...times].filter(([column]) => sources.has(column))),
    unknown,
    missingRequired: contract.columns
      .filter((c) => c.required && !sources.has(c.name) && !constants.has(c.name))
      .map((c) => c.name),
    missingMapped: [...renames.keys()].filter((source) => !present.has(source)),
  };
}

/** `Queue` of a mapped `Queue.Name` (and `A`, `A.B` of `A.B.C`): objects whose fields are read, not values. */
function containersOf(paths: Iterable<string>): Set<string> {
  const containers = new Set<string>();
  for (const path of paths) {
    const keys = path.split('.');
    for (let i = 1; i < keys.length; i++) containers.add(keys.slice(0, i).join('.'));
  }
  return containers;
}

/** The staged column that keeps a time cell as the file had it (for the reject's value and record). */
export const originalCell = (column: string): string => `${column}__cell`;

/**
 * The relation with the mapping applied on top of the reader's: constants added, and each
 * time-mapped cell turned into ISO 8601 text (an epoch is an instant, written in UTC; a
 * format without %z gives a naive time, which staging reads as local time). A blank cell
 * stays missing; a cell that does not match becomes `?`, which staging rejects as not a
 * timestamp, and rejectFields puts back the file's text and the mapping's reason. The file's
 * text of each time cell is kept beside it (originalCell).
 */
export function mappedRelation(
  relation: string,
  resolved: ResolvedColumns,
  contract: readonly ColumnContract[],
  typedSource: boolean,
): string {
  if (resolved.constants.size === 0 && resolved.times.size === 0) return relation;
  const type = new Map(contract.map((c) => [c.name, c.type]));
  const replaced = [...resolved.times].map(
    ([column, spec]) => `${readTime(quoteIdent(column), spec, type.get(column) === 'date')} as ${quoteIdent(column)}`,
  );
  const added = [
    ...[...resolved.times.keys()].map(
      (column) => `nullif(trim(${quoteIdent(column)}), '') as ${quoteIdent(originalCell(column))}`,
    ),
    ...[...resolved.constants].map(([column, value]) => {
      const numeric = typedSource && READER_TYPES[type.get(column)!] === 'DOUBLE';
      return `${numeric ? `cast(${String(value)} as double)` : sqlString(String(value))} as ${quoteIdent(column)}`;
    }),
  ];
  return `select *${replaced.length > 0 ? ` replace (${replaced.join(', ')})` : ''}, ${added.join(', ')} from (${relation})`;
}

/** Epochs: seconds up to 11 digits (year 5138) with up to 6 decimals; milliseconds up to 14 digits with 3. */
const EPOCH = {
  s: { pattern: String.raw`\d{1,11}(\.\d{1,6})?`, scale: 6, perSecond: 1_000_000 },
  ms: { pattern: String.raw`\d{1,14}(\.\d{1,3})?`, scale: 3, perSecond: 1_000 },
};

function readTime(cell: string, spec: TimeSpec, date: boolean): string {
  const text = `trim(${cell})`;
  let matches: string;
  let iso: string;
  if (spec.epoch) {
    const { pattern, scale, perSecond } = EPOCH[spec.epoch];
    matches = `regexp_full_match(${text}, ${sqlString(pattern)})`;
    iso = `strftime(make_timestamp(cast(cast(${text} as decimal(38, ${scale})) * ${perSecond} as bigint)), '%Y-%m-%d %H:%M:%S.%fZ')`;
  } else {
    // The format is the user's own text; DuckDB wants it as a constant, so it is a literal.
    const parsed = `try_strptime(${text}, ${sqlString(spec.format!)})`;
    matches = `${parsed} is not null`;
    // With %z strptime gives an instant: written in UTC with its Z.
    iso = date
      ? `strftime(${parsed}, '%Y-%m-%d')`
      : /%z/.test(spec.format!)
        ? `strftime(timezone('UTC', ${parsed}), '%Y-%m-%d %H:%M:%S.%fZ')`
        : `strftime(${parsed}, '%Y-%m-%d %H:%M:%S.%f')`;
  }
  return `case when nullif(${text}, '') is null then null when ${matches} then ${iso} else '?' end`;
}

/** Why a time-mapped cell was refused: the mapping's form, not ISO 8601. */
function timeReason(spec: TimeSpec): string {
  if (spec.epoch) return `not an epoch time in ${spec.epoch === 's' ? 'seconds' : 'milliseconds'}`;
  return `does not match the format ${spec.format}`;
}

/**
 * SQL of a reject's reason, value and record (over problem `p` of staged row `s`, which
 * carries `carry`), giving time-mapped cells as the file had them and the mapping's reason.
 */
export function rejectFields(
  times: ReadonlyMap<string, TimeSpec>,
  contract: readonly ColumnContract[],
): { reason: string; value: string; raw: string; carry: string } {
  if (times.size === 0) return { reason: 'p.reason', value: 'p.value', raw: 's._raw', carry: '' };
  const type = new Map(contract.map((c) => [c.name, c.type]));
  const cell = (column: string) => `s.${quoteIdent(originalCell(column))}`;
  const entries = [...times];
  const reason = `case ${entries.map(([column, spec]) => `when p.column = ${sqlString(column)} and p.reason = ${sqlString(TYPE_REASONS[type.get(column)!]!)} then ${sqlString(timeReason(spec))}`).join(' ')} else p.reason end`;
  const value = `case p.column ${entries.map(([column]) => `when ${sqlString(column)} then ${cell(column)}`).join(' ')} else p.value end`;
  // The record again, in the contract's order, with the file's text of each time cell (a JSON
  // line that is no object has no problem column, and its raw text is the line).
  const record = contract.map(
    (c) =>
      `${sqlString(c.name)}, ${times.has(c.name) ? cell(c.name) : `json_extract_string(s._raw, ${sqlString(`$.${JSON.stringify(c.name)}`)})`}`,
  );
  const raw = `case when p.column is null then s._raw else json_object(${record.join(', ')})::varchar end`;
  return { reason, value, raw, carry: entries.map(([column]) => `, ${quoteIdent(originalCell(column))}`).join('') };
}
