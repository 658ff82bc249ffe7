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
import { detectDelimiter, headLines, linesOf, readHeaderLine } from '../read-source.ts';
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
  async open(db, path, { config }) {
    await bindSourceFile(db, path);
    await resetSourceRejects(db);
    await bindMembers(db, config);
    const header = readHeaderLine(path);
    const text = TEXT_LINE.test(header);
    if (!text && !exportHeader(header))
      throw new Error(
        'not an Asterisk queue_log: its first line is neither `epoch|callid|queuename|agent|event|...` nor a header with time, callid and event columns',
      );
    const lines: LogLines = text
      ? { read: () => readTextLog(db, path), drop: 'drop view ql_fields; drop table ql_lines' }
      : { read: () => readExport(db, path, header), drop: 'drop table ql_fields' };
    await lines.read();
    return pivot(db, lines);
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
 * `trim(raw) <> ''` (a line with more than spaces), without paying for trim on the lines
 * that start with an ASCII character above the space (all of them, in a real log): trim
 * removes only spaces (Unicode space separators), and none of those is such a character.
 */
const NOT_BLANK = `(case when raw >= '!' and raw < chr(128) then true else trim(raw) <> '' end)`;

/** `rtrim(raw, chr(13))` (a CRLF file's line), paying for rtrim only on the lines that end with a CR. */
const WITHOUT_CR = `(case when ends_with(raw, chr(13)) then rtrim(raw, chr(13)) else raw end)`;

/**
 * ql_fields, either form of the log as the lines ql_events reads: `line`, the line as
 * written (`raw`), the fields every line is judged by (`time_text`, `callid`, `event`), all
 * its fields in the text log's order (`f`: time, callid, queuename, agent, event,
 * data1..), and how many there are (`fields`). The other fields stay in the list: ql_events
 * takes each only from the events that carry it (a field taken from every line first costs
 * a third of a second more per ten million lines).
 */
function fieldsOf(lines: string): string {
  return `select line, raw, f[1] as time_text, f[2] as callid, f[5] as event, f, fields from (${lines})`;
}

/**
 * The text file: every line split on `|`; the line number is the row's position. The lines
 * are a table (its rowid is the line); the fields are a view over them, read once when
 * ql_events is made and again for the few lines rejected whole.
 */
async function readTextLog(db: Database, path: string): Promise<void> {
  await db.exec(`create or replace temp table ql_lines as select line as raw from ${linesOf(path)}`);
  await db.exec(`create or replace temp view ql_fields as
    ${fieldsOf(`select line, raw, f, len(f) as fields
      from (select rowid + 1 as line, raw, string_split(${WITHOUT_CR}, '|') as f from ql_lines where ${NOT_BLANK})`)}`);
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
 * Rejects the lines `rows` holds (rows of ql_fields, from linesWhole; none when null) with
 * the reasons the model queries/sources/asterisk_queue_log/<model>.sql writes for them.
 */
async function rejectLines(db: Database, model: string, rows: string | null): Promise<void> {
  if (!rows) return;
  await db.exec(`create or replace temp view ql_rejected_lines as ${rows}`);
  await addSourceRejects(db, readQuery(`sources/asterisk_queue_log/${model}.sql`));
  await db.exec('drop view ql_rejected_lines');
}

/** How the file's lines are read into ql_fields (every field and the line's text), and dropped. */
interface LogLines {
  read: () => Promise<void>;
  drop: string;
}

/**
 * The pivot from events to legs. The lines (ql_fields) are dropped once the events are read
 * and the unreadable lines rejected: they are most of the memory, and only an event of a call
 * that never entered a queue needs its line whole again (then the file is read again).
 */
async function pivot(db: Database, lines: LogLines): Promise<AdapterRelation> {
  await db.exec(readQuery('sources/asterisk_queue_log/ql_event_codes.sql'));
  await materialise(db, 'ql_events', 'asterisk_queue_log/ql_events');
  await rejectLines(db, 'ql_event_rejects', await linesWhole(db, 'ql_events', 'problem is not null'));
  await db.exec(lines.drop);
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
  if ((await db.scalar(`select exists (select 1 from ql_assigned where ${orphan})`)) === true) {
    await lines.read();
    await rejectLines(db, 'ql_orphan_rejects', await linesWhole(db, 'ql_assigned', orphan));
    await db.exec(lines.drop);
  }
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
  await db.exec('drop table ql_events');
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

/**
 * The rows of ql_fields (every field and the line's text as `raw`) of this file's lines that
 * `rows where condition` names: the few lines rejected whole. Their span
 * is found first and ql_fields is read only over it, so a text log's lines are not all
 * split again; null when there are none.
 */
async function linesWhole(db: Database, rows: string, condition: string): Promise<string | null> {
  const [span] = await db.query<{ first: bigint | null; last: bigint | null }>(
    `select min(line) as first, max(line) as last from ${rows} where ${condition}`,
  );
  if (span?.first === null || span?.first === undefined) return null;
  return `(select * from ql_fields
    where line between ${BigInt(span.first)} and ${BigInt(span.last!)}
      and line in (select line from ${rows} where ${condition}))`;
}
