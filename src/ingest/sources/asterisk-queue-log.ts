/**
 * Asterisk's queue_log (docs/sources/asterisk.md): the events app_queue writes, one per
 * line, as the text file (`epoch|callid|queuename|agent|event|data1|...`, no header) or as
 * a database table exported to CSV (time, callid, queuename, agent, event, data1..data5 or
 * one `data` field of `|`-separated values). Every ENTERQUEUE is a call leg; the pivot from
 * events to calls is the SQL under queries/sources/asterisk_queue_log/.
 */
import type { Config } from '../../config/config-schema.ts';
import type { Database } from '../../db/database.ts';
import { readQuery } from '../../db/sql-files.ts';
import { CONTRACTS } from '../contracts.ts';
import { linesAt } from '../lines-at.ts';
import { detectDelimiter, headLines, lineShiftSteps, listBlankLines, readHeaderLine } from '../read-source.ts';
import { quoteIdent, sqlString } from '../staging-sql.ts';
import {
  addSourceRejects,
  bindSourceFile,
  canonicalRows,
  materialise,
  replaceSourceState,
  resetSourceRejects,
} from './adapter-sql.ts';
import { cellTimeMs } from './record-time.ts';
import type { AdapterRelation, SourceAdapter } from './source-adapter.ts';

const TEXT_LINE = /^\d{9,11}(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[A-Za-z_]+(\||$)/;
const CALL_COLUMNS = [
  'call_id',
  'direction',
  'agent_id',
  'queue',
  'caller_id',
  'customer_number',
  'started_at',
  'answered_at',
  'ended_at',
  'disconnect_party',
  'transferred',
  'previous_call_id',
];

/** Database export columns → the log's fields, in the text log's order (the realtime queue_log table's names first). */
const EXPORT_COLUMNS: Record<string, readonly string[]> = {
  time_text: ['time', 'timestamp', 'created', 'datetime'],
  callid: ['callid', 'call_id', 'uniqueid'],
  queuename: ['queuename', 'queue_name', 'queue'],
  agent: ['agent', 'membername', 'member', 'interface'],
  event: ['event', 'verb'],
};

function exportHeader(line: string): string[] | null {
  const columns = line.split(detectDelimiter(line)).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const has = (names: readonly string[]) => names.some((n) => columns.includes(n));
  return has(EXPORT_COLUMNS.callid!) && has(EXPORT_COLUMNS.event!) && has(EXPORT_COLUMNS.time_text!) ? columns : null;
}

export const asteriskQueueLog: SourceAdapter = {
  name: 'asterisk-queue-log',
  table: 'calls',
  description: "Asterisk app_queue's queue_log: the text file or a database export (CSV with a header)",
  reasons: {
    system_event: 'queue and member lines (not calls)',
    pending: 'calls with no closing event yet (loaded when a later file ends them)',
  },
  format: 'csv',
  recognise(head) {
    const first = head.split(/\r?\n/, 1)[0] ?? '';
    return TEXT_LINE.test(first) || exportHeader(first) !== null;
  },
  firstRecordAt(head) {
    const [first = '', second = ''] = headLines(head, 2);
    if (TEXT_LINE.test(first)) return cellTimeMs(first.slice(0, first.indexOf('|')));
    const columns = exportHeader(first);
    if (!columns) return null;
    const time = columns.indexOf(EXPORT_COLUMNS.time_text!.find((name) => columns.includes(name))!);
    return cellTimeMs(second.split(detectDelimiter(first))[time] ?? '');
  },
  async open(db, path, { config, innerBlankLine }) {
    await bindSourceFile(db, path);
    await resetSourceRejects(db);
    await bindMembers(db, config);
    const header = readHeaderLine(path);
    const text = TEXT_LINE.test(header);
    if (!text && !exportHeader(header))
      throw new Error(
        'not an Asterisk queue_log: its first line is neither `epoch|callid|queuename|agent|event|...` nor a header with time, callid and event columns',
      );
    return pivot(db, text ? textLines(db, path, innerBlankLine) : exportLines(db, path, header));
  },
};

/**
 * The configured agents of members the log names without a channel (ql_member_names), and
 * the pattern an agent id that is an extension matches (ql_member_agents reads both).
 */
async function bindMembers(db: Database, config: Config): Promise<void> {
  const asterisk = config.sources.asterisk;
  // The map travels as JSON text: bound, then read back as rows.
  await db.exec(
    `create or replace temp table ql_member_names as
      select key as member, value ->> '$' as agent_id from json_each($1::varchar)`,
    [JSON.stringify(asterisk.member_agents)],
  );
  await db.exec('set variable ql_extension_pattern = $1::varchar', [asterisk.extension_pattern]);
}

/**
 * How the file is read, in either form: the fields ql_events judges, as the view
 * ql_event_fields (time_text, callid, queuename, agent, event, data1, data2; `complete`:
 * the line has the five fields that name an event; `blank`: it holds only spaces), one row
 * per line the reader returns, in the file's order; the line of the first such row and the
 * table of empty lines the reader skipped (which shift the lines of the rows after them);
 * and the lines whole, ql_fields (see fieldsOf), read only for the few lines rejected
 * (`read(wanted)`: at least the lines of the query `wanted`).
 */
interface LogLines {
  fields: () => Promise<void>;
  firstLine: number;
  blankLines: () => Promise<string>;
  read: (wanted: string) => Promise<void>;
  drop: () => Promise<void>;
}

/**
 * The text file. DuckDB's CSV reader splits its lines on `|` into the fields ql_events
 * reads (a line with fewer is padded with nulls, further data fields are not read): 0.8 s
 * less per ten million lines than reading the lines into a table and splitting them in SQL.
 * An empty field is '' and a missing one null (nullstr is a line break, which no field
 * holds). A rejected line is picked from the file by its number (readTextLines).
 */
function textLines(db: Database, path: string, innerBlankLine: Promise<boolean>): LogLines {
  const columns = ['time_text', 'callid', 'queuename', 'agent', 'event', 'data1', 'data2'];
  const reader = `read_csv(${sqlString(path)}, columns = {${columns.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}, header = false, delim = '|', quote = '', escape = '', auto_detect = false, strict_mode = false, null_padding = true, nullstr = chr(10))`;
  return {
    fields: () =>
      db.exec(`create or replace temp view ql_event_fields as
        select *, event is not null as complete, case when callid is null then trim(time_text) = '' else false end as blank
        from ${reader}`),
    firstLine: 1,
    // The text log has no quoting: a `"` is a character like any other.
    blankLines: async () => listBlankLines(db, path, await innerBlankLine, false),
    read: (wanted) => readTextLines(db, path, wanted),
    drop: () => db.exec('drop view if exists ql_fields; drop table if exists ql_picked_lines'),
  };
}

/**
 * A database export: its rows, read once into ql_fields (its lines whole), are also the
 * fields ql_events reads; they are kept until the lines rejected whole are written. Its
 * lines are numbered by row after the header, as a CSV's without a skipped line.
 */
function exportLines(db: Database, path: string, header: string): LogLines {
  let held = false;
  const read = async () => {
    if (held) return;
    await readExport(db, path, header);
    held = true;
  };
  return {
    fields: async () => {
      await read();
      await db.exec(`create or replace temp view ql_event_fields as
        select time_text, callid, f[3] as queuename, f[4] as agent, event, f[6] as data1, f[7] as data2,
          true as complete, false as blank
        from ql_fields`);
    },
    firstLine: 2,
    blankLines: () => listBlankLines(db, path, false),
    read,
    drop: async () => {
      await db.exec('drop table if exists ql_fields');
      held = false;
    },
  };
}

/**
 * ql_fields, the lines whole in either form: `line`, the line as written (`raw`), the fields
 * a rejected line is told by (`time_text`, `callid`, `event`), all its fields in the text
 * log's order (`f`: time, callid, queuename, agent, event, data1..), and how many there are
 * (`fields`).
 */
function fieldsOf(lines: string): string {
  return `select line, raw, f[1] as time_text, f[2] as callid, f[5] as event, f, fields from (${lines})`;
}

/**
 * The text file's lines whole, of the lines the query `wanted` names: picked from the file
 * by number (linesAt: one pass that stops after the last), then split on `|`.
 */
async function readTextLines(db: Database, path: string, wanted: string): Promise<void> {
  const numbers = await db.query<{ line: bigint }>(`select distinct line from (${wanted}) order by line`);
  await db.exec('create or replace temp table ql_picked_lines (line bigint, raw varchar)');
  const appender = await db.raw.createAppender('ql_picked_lines');
  for await (const { line, text } of linesAt(
    path,
    numbers.map((n) => Number(n.line)),
  )) {
    appender.appendBigInt(BigInt(line));
    appender.appendVarchar(text);
    appender.endRow();
  }
  appender.closeSync();
  await db.exec(`create or replace temp view ql_fields as
    ${fieldsOf(`select line, raw, f, len(f) as fields
      from (select line, raw, string_split(raw, '|') as f from ql_picked_lines)`)}`);
}

/** A database export: named columns; data1..data5, or one `data` field holding them joined by `|`. */
async function readExport(db: Database, path: string, header: string): Promise<void> {
  const reader = `read_csv(${sqlString(path)}, header = true, all_varchar = true, delim = ${sqlString(detectDelimiter(header))}, quote = '"', escape = '"')`;
  await db.exec(`create or replace temp table ql_rows as select * from ${reader}`);
  // The file's own column names, found case-insensitively.
  const columns = (await db.query<{ column_name: string }>('describe ql_rows')).map((c) => c.column_name);
  const column = (name: string) => columns.find((c) => c.trim().toLowerCase() === name);
  const pick = (names: readonly string[]) => {
    const found = names.map(column).find((c) => c !== undefined);
    return found ? `trim(${quoteIdent(found)})` : 'null';
  };
  const data = (i: number) => {
    const own = column(`data${i}`);
    const joined = column('data');
    if (own) return `nullif(trim(${quoteIdent(own)}), '')`;
    return joined ? `nullif(string_split(${quoteIdent(joined)}, '|')[${i}], '')` : 'null';
  };
  const inLogOrder = [...Object.values(EXPORT_COLUMNS).map(pick), ...[1, 2, 3, 4, 5].map(data)];
  await db.exec(`create or replace temp table ql_fields as
    ${fieldsOf(`select rowid + 2 as line, to_json(ql_rows)::varchar as raw, [${inLogOrder.join(', ')}] as f, 5 as fields
      from ql_rows`)}`);
  await db.exec('drop table ql_rows');
}

/**
 * Rejects this file's lines that `rows where condition` names, with the reasons the model
 * queries/sources/asterisk_queue_log/<model>.sql writes for them from the lines whole
 * (ql_fields, read for them and dropped after).
 */
async function rejectWhole(
  db: Database,
  lines: LogLines,
  model: string,
  rows: string,
  condition: string,
): Promise<void> {
  const wanted = `select line from ${rows} where ${condition}`;
  if ((await db.scalar(`select exists (${wanted})`)) !== true) return;
  await lines.read(wanted);
  await db.exec(`create or replace temp view ql_rejected_lines as
    select * from ql_fields where line in (${wanted})`);
  await addSourceRejects(db, readQuery(`sources/asterisk_queue_log/${model}.sql`));
  await db.exec('drop view ql_rejected_lines');
  await lines.drop();
}

/**
 * The columns of ql_events: ql_event_rows' (its packed queue_or_member and data too, which
 * ql_callids reads as they are), with the packed fields named again by their event
 * (ql_events.sql): the queue and caller id of an ENTERQUEUE, the member and data1 of a
 * CONNECT or RINGNOANSWER, the only events that carry them.
 */
const NAMED_FIELDS = `ql_event_rows.* exclude (blank),
  case when code = ql_event_code('ENTERQUEUE') then queue_or_member end as queuename,
  case when code <> ql_event_code('ENTERQUEUE') then queue_or_member end as agent,
  case when code <> ql_event_code('ENTERQUEUE') then data end as data1,
  case when code = ql_event_code('ENTERQUEUE') then data end as data2`;

/** Up to this many runs of empty lines, a row's shift is a `case` in the view ql_events. */
const SHIFT_STEPS_IN_VIEW = 64;

/**
 * ql_events: the events (ql_event_rows) with their lines and named fields (NAMED_FIELDS),
 * blank lines left out. A row's line is its place among the rows the reader returned (rowid:
 * the table was written in the file's order), from the line of the first, shifted past the
 * empty lines the reader skipped before it (ql_line_shift: from how many rows on each shift
 * holds; none in nearly every file). A view, the shift a `case` of a few comparisons; past
 * SHIFT_STEPS_IN_VIEW runs of empty lines, a table the shift is joined into once (an ASOF
 * join read through the view would cost about two seconds per 10M events at each of the
 * pivot's reads). Returns the statement that drops what it made.
 */
async function numberLines(db: Database, lines: LogLines): Promise<string> {
  const blank = await lines.blankLines();
  const line = `ql_event_rows.rowid + ${lines.firstLine}`;
  await db.exec(
    `create or replace temp table ql_line_shift as ${lineShiftSteps(`select line from ${blank}`, lines.firstLine)}`,
  );
  const steps = await db.query<{ rows_before: bigint; shift: bigint }>(
    `select rows_before, shift from ql_line_shift order by rows_before desc limit ${SHIFT_STEPS_IN_VIEW + 1}`,
  );
  if (steps.length <= SHIFT_STEPS_IN_VIEW) {
    const when = steps.map((s) => `when ql_event_rows.rowid >= ${BigInt(s.rows_before)} then ${BigInt(s.shift)}`);
    const shift = when.length > 0 ? ` + case ${when.join(' ')} else 0 end` : '';
    await db.exec(`create or replace temp view ql_events as
      select ${line}${shift} as line, ${NAMED_FIELDS} from ql_event_rows where not blank`);
    await db.exec('drop table ql_line_shift');
    return 'drop view ql_events; drop table ql_event_rows';
  }
  await db.exec(`create or replace temp table ql_events as
    select ${line} + coalesce(ql_line_shift.shift, 0) as line, ${NAMED_FIELDS}
    from ql_event_rows
    asof left join ql_line_shift on ql_event_rows.rowid >= ql_line_shift.rows_before
    where not ql_event_rows.blank`);
  await db.exec('drop table ql_event_rows; drop table ql_line_shift');
  return 'drop table ql_events';
}

/**
 * The pivot from events to legs. The file's lines are read whole (ql_fields) only for the few
 * it rejects: a line with no event callq can read, or an event of a call that never entered
 * a queue.
 */
async function pivot(db: Database, lines: LogLines): Promise<AdapterRelation> {
  await db.exec(readQuery('sources/asterisk_queue_log/ql_event_codes.sql'));
  await lines.fields();
  await materialise(db, 'ql_event_rows', 'asterisk_queue_log/ql_events');
  await db.exec('drop view ql_event_fields');
  const dropEvents = await numberLines(db, lines);
  await rejectWhole(db, lines, 'ql_event_rejects', 'ql_events', 'problem is not null');
  await lines.drop();
  await materialise(db, 'ql_carried', 'asterisk_queue_log/ql_carried');
  const events = await summariseEvents(db);
  await db.exec(seqMacros(events));
  await db.exec(readQuery('sources/asterisk_queue_log/ql_leg_measures.sql'));
  await materialise(db, 'ql_callids', 'asterisk_queue_log/ql_callids');
  await materialise(db, 'ql_other_events', 'asterisk_queue_log/ql_other_events');
  await materialise(db, 'ql_enters', 'asterisk_queue_log/ql_enters');
  await materialise(db, 'ql_assigned', 'asterisk_queue_log/ql_assigned');
  await materialise(db, 'ql_member_agents', 'asterisk_queue_log/ql_member_agents');
  const orphan = "leg is null and batch = 1 and code not in (ql_event_code('DID'), ql_event_code('INFO'))";
  await rejectWhole(db, lines, 'ql_orphan_rejects', 'ql_assigned', orphan);
  await materialise(db, 'ql_placed_legs', 'asterisk_queue_log/ql_placed_legs');
  // A view: nearly all its rows are ql_callids', which stage reads once.
  await materialise(db, 'ql_legs', 'asterisk_queue_log/ql_legs', 'view');
  await materialise(db, 'ql_missed_offers', 'asterisk_queue_log/ql_missed_offers');
  await materialise(db, 'ql_open_events', 'asterisk_queue_log/ql_open_events');
  const [counts] = await db.query<Record<string, string>>(`select
      count(*) filter (where not open and previous_call_id is null) as calls,
      count(*) filter (where not open and previous_call_id is not null) as legs,
      count(*) filter (where open) as pending,
      -- Held for over a day before the last event read: an Asterisk that crashed or was
      -- killed wrote no closing event for the calls then in progress.
      count(*) filter (where open and started_at < make_timestamptz(${events.lastUs}) - interval 1 day) as stale,
      (select count(*) from ql_missed_offers) as missed,
      (select count(*) filter (where unmapped) from ql_member_agents) as unmapped
    from ql_legs`);
  await db.exec(dropEvents);
  const n = (key: string) => Number(counts![key]);
  return {
    ...(await canonicalRows(db, 'ql_legs', CONTRACTS.calls, CALL_COLUMNS, 'not open')),
    distinctKeys: await legsNamedDistinctly(db),
    report: {
      records: events.records,
      made: { calls: n('calls'), 'transfer legs': n('legs'), 'missed offers': n('missed') },
      skipped: { system_event: events.systemEvents, pending: n('pending') },
      notes: [
        'queue_log has no hold or wrap-up time: hold_s and acw_s are 0, and there is no speech timeline',
        ...unmappedMembers(n('unmapped')),
        ...staleCalls(n('stale')),
      ],
    },
    async commit(db, loadId) {
      // The open calls' events (earlier files' and this file's) wait for a later file, with
      // the fields the pivot reads (ql_events keeps no other).
      const stillOpen = `select * from queue_log_pending
        where (file, line) in (select (file, line) from ql_open_events where batch = 0)
        union all by name
        select file, load_id, line, event_at, callid, queuename, agent, ql_event_name(code) as event, data1, data2
        from ql_open_events
        where batch = 1`;
      await replaceSourceState(db, 'queue_log_pending', stillOpen, loadId);
      await db.exec(`delete from missed_offers where call_id in (select call_id from ql_legs where not open)`);
      await db.exec(`insert into missed_offers
        select call_id, ql_member_agents.agent_id, event_at, try_cast(data1 as bigint), coalesce(load_id, ${loadId}), line
        from ql_missed_offers
        left join ql_member_agents using (member)`);
    },
  };
}

/** The note on held calls that have waited over a day for their closing event. */
function staleCalls(count: number): string[] {
  if (count === 0) return [];
  const calls = count === 1 ? '1 held call has' : `${count} held calls have`;
  return [
    `${calls} had no closing event for over a day (an Asterisk that crashed or was killed writes none for its calls in progress): held until one comes`,
  ];
}

/** The note on members whose agent id is their name as the log writes it (ql_member_agents). */
function unmappedMembers(count: number): string[] {
  if (count === 0) return [];
  const members = count === 1 ? '1 queue member is' : `${count} queue members are`;
  return [
    `${members} named without an extension (a membername such as a person's name): the name is kept as agent_id; give the agent ids under sources.asterisk.member_agents`,
  ];
}

/**
 * Whether the legs' call_ids stay distinct through staging, so the load need not count them
 * again: ql_legs names one leg per callid, or per enter of a callid (ql_enters: `<callid>`,
 * then `<callid>#<epoch>`, two enters in one second being one leg). Two names can meet only
 * when staging's trim makes two callids one (a space-padded callid) or a callid is written
 * with a `#` (`X#1795161662` beside a re-entry of `X`): then the load counts as for any file.
 */
async function legsNamedDistinctly(db: Database): Promise<boolean> {
  const clash = await db.scalar(`select exists (
    select 1
    from (select leg_key as callid from ql_callids union all select callid from ql_carried)
    where callid like ' %' or callid like '% ' or contains(callid, '#')
  )`);
  return clash === false;
}

/**
 * ql_seq(event_at, batch, line, code): the order app_queue wrote the events in, (event_at,
 * batch, line), packed into one number so that placing and measuring events needs no sort of
 * them all, with the event's code in its lowest bits (no two events share a line, so the code
 * never changes the order): the first closing event's seq then names its event too, where an
 * arg_min of the code per leg would cost a second pass. Times count from the earliest event in
 * the coarsest unit every time is a whole number of (queue_log writes whole seconds; a
 * database export may keep milliseconds or microseconds), so that ql_seq_at, ql_seq_line and
 * ql_seq_code read the time, the line and the code back exactly. The number is a bigint when
 * the span, the lines and the code fit in 62 bits (with millions of lines: decades of events
 * in seconds, years in milliseconds, a day or so in microseconds), else a hugeint, which costs
 * twice as much to order by.
 */
export function seqMacros(events: Pick<EventSummary, 'firstUs' | 'lastUs' | 'lines' | 'unitUs'>): string {
  const unit = events.unitUs;
  const first = events.firstUs / unit;
  const { type, lineBits } = seqType((events.lastUs - events.firstUs) / unit, events.lines);
  const lineShift = 1n << CODE_BITS;
  const timeShift = 1n << (lineBits + 1n + CODE_BITS);
  return `create or replace temp macro ql_seq(event_at, batch, line, code) as
    (((epoch_us(event_at) // ${unit} - ${first})::${type} * 2 + batch) * ${1n << lineBits} + line) * ${lineShift} + code;
  create or replace temp macro ql_seq_at(seq) as
    make_timestamptz(((${first} + seq // ${timeShift}) * ${unit})::bigint);
  create or replace temp macro ql_seq_line(seq) as (seq // ${lineShift} % ${1n << lineBits})::bigint;
  create or replace temp macro ql_seq_code(seq) as (seq % ${lineShift})::utinyint;`;
}

/** Bits of ql_seq that hold the event's code: ql_event_names() has fewer than 2^6 names. */
export const CODE_BITS = 6n;

interface EventSummary {
  records: number;
  systemEvents: number;
  /** The span (epoch microseconds) and last line of this file's call events and the open calls' events. */
  firstUs: bigint;
  lastUs: bigint;
  lines: bigint;
  /** The coarsest unit (in microseconds: a second, a millisecond or one) every such time is a whole number of. */
  unitUs: bigint;
}

/** What the load reports of ql_events and what ql_seq needs of it, in one pass over the events. */
async function summariseEvents(db: Database): Promise<EventSummary> {
  await db.exec(`create or replace temp macro ql_time_unit_us(event_at) as
    case when epoch_us(event_at) % 1000000 = 0 then 1000000 when epoch_us(event_at) % 1000 = 0 then 1000 else 1 end`);
  // As text: the query hands back a bigint as a number or a bigint by its size.
  const [summary] = await db.query<Record<keyof EventSummary, string>>(`
    with file_events as (
      select
        count(*) as records,
        count(*) filter (where problem is null and system_event) as system_events,
        min(event_at) filter (where problem is null and not system_event) as first_at,
        max(event_at) filter (where problem is null and not system_event) as last_at,
        max(line) filter (where problem is null and not system_event) as last_line,
        min(ql_time_unit_us(event_at)) filter (where problem is null and not system_event) as unit_us
      from ql_events
    ),
    carried as (
      select
        min(event_at) as first_at,
        max(event_at) as last_at,
        max(line) as last_line,
        min(ql_time_unit_us(event_at)) as unit_us
      from ql_carried
    )
    select
      file_events.records::varchar as records,
      file_events.system_events::varchar as "systemEvents",
      coalesce(epoch_us(least(file_events.first_at, carried.first_at)), 0)::varchar as "firstUs",
      coalesce(epoch_us(greatest(file_events.last_at, carried.last_at)), 0)::varchar as "lastUs",
      coalesce(greatest(file_events.last_line, carried.last_line), 0)::varchar as lines,
      -- The units divide one another: the finer one is the common unit.
      coalesce(least(file_events.unit_us, carried.unit_us), 1000000)::varchar as "unitUs"
    from file_events, carried`);
  return {
    records: Number(summary!.records),
    systemEvents: Number(summary!.systemEvents),
    firstUs: BigInt(summary!.firstUs),
    lastUs: BigInt(summary!.lastUs),
    lines: BigInt(summary!.lines),
    unitUs: BigInt(summary!.unitUs),
  };
}

/**
 * The type ql_seq packs into, for events `span` time units apart on lines up to `lines`:
 * a bigint while the time (with the batch bit), the line and the code fit in 62 bits, else
 * a hugeint.
 */
export function seqType(span: bigint, lines: bigint): { type: 'bigint' | 'hugeint'; lineBits: bigint } {
  const lineBits = BigInt(lines.toString(2).length);
  const timeBits = BigInt((span + 1n).toString(2).length) + 1n;
  return { type: timeBits + lineBits + CODE_BITS <= 62n ? 'bigint' : 'hugeint', lineBits };
}
