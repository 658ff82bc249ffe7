/**
 * Generates the staging SQL of one file from its table's contract: every source cell is
 * read as text, cast to its canonical type, and checked (required, type, range, allowed
 * values, row rules). A row is kept only if every check passes; otherwise its problems
 * (column, reason, the cell as it stood) are listed for the `rejects` table. Nothing is
 * coerced: a cell that does not parse exactly is a reject, never a guess.
 */
import { sqlType, type ColumnContract, type TableContract } from './contracts.ts';
import { quoteIdent, sqlString } from '../db/sql.ts';

// load-file.ts, load-files.ts and sources/ still import the quoting from here.
export { quoteIdent, sqlString };

const raw = (c: ColumnContract) => quoteIdent(`${c.name}__raw`);
const parsedName = (c: ColumnContract) => quoteIdent(`${c.name}__parsed`);

/** Text without surrounding spaces, empty as null; only padded cells pay for the copy. */
const trimmed = (cell: string) =>
  `nullif(case when ${cell} like ' %' or ${cell} like '% ' then trim(${cell}) else ${cell} end, '')`;

/**
 * The type a reader that parses cells itself (DuckDB's CSV reader) is asked for. Whole
 * numbers are read as doubles, because its BIGINT parse rounds '1.5' to 2; timestamps as
 * text, because its TIMESTAMPTZ parse turns an unreadable cell into null without a word;
 * dates as text, because its DATE parse takes '2024/03/01', 'epoch' and drops a time part;
 * booleans as text, because its BOOLEAN parse refuses ' yes ', which every other format's
 * cells (trimmed) accept.
 */
export const READER_TYPES: Record<ColumnContract['type'], string> = {
  text: 'VARCHAR',
  integer: 'DOUBLE',
  number: 'DOUBLE',
  boolean: 'VARCHAR',
  timestamp: 'VARCHAR',
  date: 'VARCHAR',
};

/**
 * ISO 8601 as exports write it: date, time to the minute or finer, optional offset. DuckDB's
 * own cast is lenient ('2026-11-20 10:0' is 10:00, 'epoch', '2026/11/20'), so a cell must
 * have this shape before it is cast.
 */
// Years 1900–2200 (a year 10000 parses, and then breaks every report and export) and UTC
// offsets within ±14:00, the widest any zone uses (DuckDB would apply +99:99).
const YEAR = String.raw`(19\d{2}|2[01]\d{2}|2200)`;
const OFFSET = String.raw`(Z|[+-]((0\d|1[0-3])(:?[0-5]\d)?|14(:?00)?))`;
const ISO_TIMESTAMP = String.raw`${YEAR}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?${OFFSET}?`;
const ISO_DATE = String.raw`${YEAR}-\d{2}-\d{2}`;

/** 2^53: whole numbers below it read through a double exactly; past it they may be rounded. */
const EXACT_WHOLE = '9007199254740992';

/** The typed value of a column from an already-typed cell (see READER_TYPES). */
function fromTyped(c: ColumnContract): string {
  const r = raw(c);
  switch (c.type) {
    case 'number':
      return `(case when isfinite(${r}) then ${r} end)`;
    case 'integer':
      // NaN = trunc(NaN) and inf = trunc(inf) in DuckDB. The reader parsed a double, exact only
      // below 2^53: a larger whole number may already be rounded, so it is no value.
      return `(case when ${r} = trunc(${r}) and abs(${r}) < ${EXACT_WHOLE} then ${r}::bigint end)`;
    case 'text':
    case 'boolean':
    case 'timestamp':
    case 'date':
      return fromText(c);
  }
}

/**
 * The value of a column that arrived in its canonical type: only what the type does not rule
 * out is checked (a finite number; a time or date within the years text cells may have).
 */
function fromCanonical(c: ColumnContract): string {
  const r = raw(c);
  switch (c.type) {
    case 'number':
      return `(case when isfinite(${r}) then ${r} end)`;
    case 'timestamp':
      return `(case when ${r} >= timestamptz '1900-01-01 00:00:00+00' and ${r} < timestamptz '2201-01-01 00:00:00+00' then ${r} end)`;
    case 'date':
      return `(case when ${r} >= date '1900-01-01' and ${r} < date '2201-01-01' then ${r} end)`;
    case 'integer':
    case 'boolean':
      return r;
    case 'text':
      return fromText(c);
  }
}

/** The typed value of a column, from its trimmed raw text (null when the text does not parse). */
function fromText(c: ColumnContract): string {
  const r = raw(c);
  switch (c.type) {
    case 'text': {
      if (!c.values) return r;
      // The column's ENUM; only a cell not spelled as stored pays for the case folding.
      const type = sqlType(c);
      return `coalesce(try_cast(${r} as ${type}), try_cast(${c.keepCase ? 'upper' : 'lower'}(${r}) as ${type}))`;
    }
    case 'number':
      return `(case when isfinite(try_cast(${r} as double)) then try_cast(${r} as double) end)`;
    case 'integer':
      // DuckDB would round '1.5' to 2: take the number and keep it only when it is whole.
      return `(case when try_cast(${r} as double) = trunc(try_cast(${r} as double)) and abs(try_cast(${r} as double)) < ${EXACT_WHOLE} then try_cast(${r} as double)::bigint end)`;
    case 'boolean':
      // DuckDB's cast takes exactly these words, in any case: true/t/yes/y/1, false/f/no/n/0.
      return `try_cast(${r} as boolean)`;
    case 'timestamp':
      return `(case when regexp_full_match(${r}, ${sqlString(ISO_TIMESTAMP)}) then try_cast(${r} as timestamptz) end)`;
    case 'date':
      return `(case when regexp_full_match(${r}, ${sqlString(ISO_DATE)}) then try_cast(${r} as date) end)`;
  }
}

/**
 * A cell as a reject shows it. A number the reader parsed itself is printed back without a
 * trailing '.0', so '6' reads '6' (not '6.0'); other spellings ('06', 'NaN') come back in
 * DuckDB's ('6', 'nan').
 */
function cellText(c: ColumnContract, typedSource: boolean): string {
  const r = raw(c);
  if (!typedSource || READER_TYPES[c.type] !== 'DOUBLE') return r;
  return `(case when ${r} = trunc(${r}) and abs(${r}) < 1e15 then ${r}::bigint::varchar else ${r}::varchar end)`;
}

function defaultLiteral(c: ColumnContract): string | null {
  if (c.default === undefined) return null;
  if (typeof c.default === 'string') return sqlString(c.default);
  return String(c.default);
}

/**
 * The value of a column the file lacks, the same on every row: its default, else null. The
 * stage does not hold such columns, the insert writes this: a constant copied into a staged
 * row and read back costs as much as a column of values (the eight columns a queue_log
 * lacks: 0.35 s per 3M calls, 2026-12-01).
 */
export function absentValue(c: ColumnContract): string {
  return `cast(${defaultLiteral(c) ?? 'null'} as ${sqlType(c)})`;
}

export interface UnreadableRecord {
  /** SQL over the relation's columns, true when the record is unreadable. */
  when: string;
  /** SQL of the reject's column (null: the whole record) and reason. */
  column: string;
  reason: string;
  /** SQL of the record's text for the reject. */
  raw: string;
}

interface Problem {
  column: string;
  reason: string;
  /** SQL condition over the `typed` CTE that is true when the problem is present. */
  when: string;
}

export const TYPE_REASONS: Record<ColumnContract['type'], string | null> = {
  text: null,
  number: 'not a number',
  integer: 'not a whole number (within ±2^53)',
  boolean: 'not a boolean (true/false)',
  timestamp: 'not an ISO 8601 timestamp',
  date: 'not an ISO 8601 date',
};

function columnProblems(c: ColumnContract, nulFree: boolean): Problem[] {
  const r = raw(c);
  const v = parsedName(c);
  const problems: Problem[] = [];
  if (c.required) problems.push({ column: c.name, reason: 'missing required value', when: `${r} is null` });
  if (isFreeText(c) && !nulFree)
    problems.push({ column: c.name, reason: 'contains a NUL byte', when: `contains(${r}, chr(0))` });
  const reason = TYPE_REASONS[c.type];
  if (reason) problems.push({ column: c.name, reason, when: `${r} is not null and ${v} is null` });
  if (c.values) {
    problems.push({
      column: c.name,
      reason: `unknown value (allowed: ${c.values.join(', ')})`,
      when: `${r} is not null and ${v} is null`,
    });
  }
  if (c.min !== undefined) {
    const op = c.exclusiveMin ? '<=' : '<';
    const word = c.exclusiveMin ? 'greater than' : 'at least';
    problems.push({ column: c.name, reason: `out of range (must be ${word} ${c.min})`, when: `${v} ${op} ${c.min}` });
  }
  if (c.max !== undefined) {
    problems.push({ column: c.name, reason: `out of range (must be at most ${c.max})`, when: `${v} > ${c.max}` });
  }
  return problems;
}

/**
 * A text column without a list of values: anything goes but a NUL byte, which would end the
 * value early in most tools that read it back (ids, names, CSV exports).
 */
function isFreeText(c: ColumnContract): boolean {
  return c.type === 'text' && !c.values;
}

/**
 * SQL true when a column's cell breaks none of its rules, never null: the rules of
 * columnProblems folded into one condition, which costs less than or-ing every problem on
 * each of millions of rows (the problems are listed only for the rows that fail).
 */
function cellOk(c: ColumnContract, nulFree: boolean): string | null {
  const r = raw(c);
  const v = parsedName(c);
  const holds: string[] = [];
  if (TYPE_REASONS[c.type] || c.values) holds.push(`${v} is not null`);
  if (isFreeText(c) && !nulFree) holds.push(`not contains(${r}, chr(0))`);
  if (c.min !== undefined) holds.push(`${v} ${c.exclusiveMin ? '>' : '>='} ${c.min}`);
  if (c.max !== undefined) holds.push(`${v} <= ${c.max}`);
  if (holds.length === 0) return c.required ? `${r} is not null` : null;
  const all = `coalesce(${holds.join(' and ')}, false)`;
  return c.required ? all : `(${r} is null or ${all})`;
}

export interface StageOptions {
  /** Canonical columns the relation has (the others are null). */
  present: ReadonlySet<string>;
  target?: string;
  /** Extra columns of the relation carried through unchanged (e.g. the JSON line). */
  passThrough?: readonly string[];
  /** The relation's cells are already typed as READER_TYPES (else they are text). */
  readerTyped?: boolean;
  /**
   * Columns that arrive in their canonical type (a source adapter's typed values): they are
   * checked (range, rules) but not parsed again from text.
   */
  canonicalTyped?: ReadonlySet<string>;
  /** A record that cannot be read at all (a JSON line that is no object): one reject for it. */
  unreadable?: UnreadableRecord;
  /**
   * No cell can hold a NUL (a delimited text file without a NUL byte; a JSON string can
   * spell one as `\u0000`): the check is left out, which saves a quarter of a second per
   * 3M queue_log calls (2026-12-01).
   */
  nulFree?: boolean;
}

/**
 * `create temp table <target>` from `relation`, a query whose columns are the canonical
 * column names as text (absent ones null), or typed as the options say. The result has the
 * typed columns the relation has (`present`; the others take absentValue) plus `_bad` (any
 * problem), `_problems` (list of {column, reason, value}) and `_raw` (the record as JSON
 * text), the last two only on bad rows. Its rowid is the record's ordinal.
 */
export function stageSql(contract: TableContract, relation: string, options: StageOptions): string {
  const {
    present,
    target = 'stage',
    passThrough = [],
    readerTyped = false,
    canonicalTyped = new Set<string>(),
    unreadable,
    nulFree = false,
  } = options;
  const columns = contract.columns;
  const typedAsIs = (c: ColumnContract) => canonicalTyped.has(c.name) && c.type !== 'text';
  const clean = (c: ColumnContract) =>
    typedAsIs(c) || (readerTyped && READER_TYPES[c.type] !== 'VARCHAR')
      ? quoteIdent(c.name)
      : trimmed(quoteIdent(c.name));
  const absent = (c: ColumnContract) => `null::${readerTyped ? READER_TYPES[c.type] : 'varchar'}`;
  const parsed = (c: ColumnContract) => (typedAsIs(c) ? fromCanonical(c) : readerTyped ? fromTyped(c) : fromText(c));
  const cleaned = [
    ...columns.map((c) => `${present.has(c.name) ? clean(c) : absent(c)} as ${raw(c)}`),
    ...passThrough.map(quoteIdent),
  ];
  const finalColumns = columns.map((c) => {
    const fallback = defaultLiteral(c);
    const p = parsedName(c);
    return fallback
      ? `coalesce(${p}, case when ${raw(c)} is null then ${fallback} end) as ${quoteIdent(c.name)}`
      : `${p} as ${quoteIdent(c.name)}`;
  });
  const cellProblems = columns.flatMap((c) => columnProblems(c, nulFree));
  const rowProblems: Problem[] = contract.checks.map((check) => ({
    column: check.column,
    reason: check.reason,
    when: `coalesce(${check.failsWhen}, false)`,
  }));
  const cellsOk = columns.map((c) => cellOk(c, nulFree)).filter((ok) => ok !== null);
  const anyCell = cellsOk.length > 0 ? `not (${cellsOk.join('\n      and ')})` : 'false';
  const anyRow = rowProblems.map((p) => `(${p.when})`).join('\n      or ') || 'false';
  const problemStruct = (p: Problem, valueSql: string) =>
    `case when ${p.when} then {'column': ${sqlString(p.column)}, 'reason': ${sqlString(p.reason)}, 'value': ${valueSql}} end`;
  const textOf = new Map(columns.map((c) => [c.name, typedAsIs(c) ? `${raw(c)}::varchar` : cellText(c, readerTyped)]));
  const rawOf = (name: string) => textOf.get(name)!;
  // The record's cells as text, whatever the reader typed them as.
  const rawRecord = `to_json({${columns.map((c) => `${sqlString(c.name)}: ${textOf.get(c.name)!}`).join(', ')}})::varchar`;
  return `create temp table ${target} as
with source_rows as (
  select * from (${relation})
),
cleaned as (
  select
    ${cleaned.join(',\n    ')}
  from source_rows
),
parsed as (
  select
    *,
    ${columns.map((c) => `${parsed(c)} as ${parsedName(c)}`).join(',\n    ')}
  from cleaned
),
cell_checked as (
  select
    *,
    ${anyCell} as _bad_cell
  from parsed
),
typed as (
  select
    *,
    ${finalColumns.join(',\n    ')}
  from cell_checked
),
row_checked as (
  select
    *,
    -- row rules are judged only on rows whose cells all parsed
    not _bad_cell and (${anyRow}) as _bad_row,
    ${unreadable ? `coalesce(${unreadable.when}, false)` : 'false'} as _unreadable
  from typed
),
final as (
  select
    ${[...columns.filter((c) => present.has(c.name)).map((c) => quoteIdent(c.name)), ...passThrough.map(quoteIdent)].join(',\n    ')},
    _unreadable or _bad_cell or _bad_row as _bad,
    case when _unreadable then [{'column': (${unreadable?.column ?? 'null'})::varchar, 'reason': (${unreadable?.reason ?? "''"})::varchar, 'value': null::varchar}]
      when _bad_cell or _bad_row then list_filter([
      ${[
        ...cellProblems.map((p) => problemStruct(p, rawOf(p.column))),
        ...rowProblems.map((p) => `case when not _bad_cell then (${problemStruct(p, rawOf(p.column))}) end`),
      ].join(',\n      ')}
    ], p -> p is not null) end as _problems,
    case when _unreadable then ${unreadable?.raw ?? 'null'} when _bad_cell or _bad_row then ${rawRecord} end as _raw
  from row_checked
)
select * from final`;
}
