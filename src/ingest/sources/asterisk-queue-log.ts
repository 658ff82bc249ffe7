/**
 * Asterisk's queue_log (docs/sources/asterisk.md): the events app_queue writes, one per
 * line, as the text file (`epoch|callid|queuename|agent|event|data1|...`, no header) or as
 * a database table exported to CSV (time, callid, queuename, agent, event, data1..data5 or
 * one `data` field of `|`-separated values). Every ENTERQUEUE is a call leg; the pivot from
 * events to calls is the SQL under queries/sources/asterisk_queue_log/.
 */
import type { Database } from '../../db/database.ts';
import { CONTRACTS } from '../contracts.ts';
import { detectDelimiter, linesOf, readHeaderLine } from '../read-source.ts';
import { quoteIdent, sqlString } from '../staging-sql.ts';
import { addSourceRejects, bindSourceFile, canonicalRows, materialise, resetSourceRejects } from './adapter-sql.ts';
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

/** Database export columns → the log's fields (the realtime queue_log table's names first). */
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
  async open(db, path) {
    await bindSourceFile(db, path);
    await resetSourceRejects(db);
    const header = readHeaderLine(path);
    if (TEXT_LINE.test(header)) await readTextLog(db, path);
    else if (exportHeader(header)) await readExport(db, path, header);
    else
      throw new Error(
        'not an Asterisk queue_log: its first line is neither `epoch|callid|queuename|agent|event|...` nor a header with time, callid and event columns',
      );
    return pivot(db, TEXT_LINE.test(header) ? 'drop view ql_fields; drop table ql_lines' : 'drop table ql_fields');
  },
};

/**
 * `trim(raw) <> ''` (a line with more than spaces), without paying for trim on the lines
 * that start with an ASCII character above the space (all of them, in a real log): trim
 * removes only spaces (Unicode space separators), and none of those is such a character.
 */
const NOT_BLANK = `(case when raw >= '!' and raw < chr(128) then true else trim(raw) <> '' end)`;

/** `rtrim(raw, chr(13))` (a CRLF file's line), paying for rtrim only on the lines that end with a CR. */
const WITHOUT_CR = `(case when ends_with(raw, chr(13)) then rtrim(raw, chr(13)) else raw end)`;

/**
 * The text file: every line split on `|`; the line number is the row's position. The lines
 * are kept (their table's rowid is the line); the fields are a view over them, read once
 * when ql_events is made.
 */
async function readTextLog(db: Database, path: string): Promise<void> {
  await db.exec(`create or replace temp table ql_lines as select line as raw from ${linesOf(path)}`);
  await db.exec(`create or replace temp view ql_fields as
    select
      line, raw, f[1] as time_text, f[2] as callid, f[3] as queuename, f[4] as agent, f[5] as event,
      nullif(f[6], '') as data1, nullif(f[7], '') as data2, nullif(f[8], '') as data3,
      nullif(f[9], '') as data4, case when len(f) >= 10 then nullif(array_to_string(f[10:], '|'), '') end as data5,
      len(f) as fields
    from (select rowid + 1 as line, raw, string_split(${WITHOUT_CR}, '|') as f from ql_lines where ${NOT_BLANK})`);
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
  await db.exec(`create or replace temp table ql_fields as
    select
      rowid + 2 as line, to_json(ql_rows)::varchar as raw,
      ${Object.entries(EXPORT_COLUMNS)
        .map(([field, names]) => `${pick(names)} as ${field}`)
        .join(', ')},
      ${[1, 2, 3, 4, 5].map((i) => `${data(i)} as data${i}`).join(', ')},
      5 as fields
    from ql_rows`);
  await db.exec('drop table ql_rows');
}

/**
 * The pivot from events to legs. `dropFields` drops what ql_fields was read from; it is kept
 * until the file is committed, for the few lines read whole again (rejects, open calls).
 */
async function pivot(db: Database, dropFields: string): Promise<AdapterRelation> {
  await materialise(db, 'ql_events', 'asterisk_queue_log/ql_events');
  const problems = await linesWhole(db, 'ql_events', 'problem is not null');
  if (problems) {
    await addSourceRejects(
      db,
      `select line, problem_column as "column", problem as reason, problem_value as value, raw
      from ql_events join ${problems} using (line)`,
    );
  }
  // The order app_queue wrote the events in, (event_at, batch, line), packed into one number
  // (a line is below 2^40), so that placing events needs no sort of them all.
  await db.exec(
    'create or replace temp macro ql_seq(event_at, batch, line) as (epoch_us(event_at)::hugeint * 2 + batch) * 1099511627776 + line',
  );
  // A member is an interface (PJSIP/1001, SIP/1001, Local/1001@from-queue/n, Agent/1001) or a
  // member name: the agent is the peer name without technology and context.
  await db.exec(
    `create or replace temp macro ql_agent(member) as regexp_extract(member, '^(?:[A-Za-z0-9_]+/)?([^@/]*)', 1)`,
  );
  await materialise(db, 'ql_enters', 'asterisk_queue_log/ql_enters');
  await materialise(db, 'ql_assigned', 'asterisk_queue_log/ql_assigned');
  const orphans = await linesWhole(db, 'ql_assigned', "leg is null and batch = 1 and event not in ('DID', 'INFO')");
  if (orphans) {
    await addSourceRejects(
      db,
      `select line, 'callid' as "column",
        'event ' || upper(event) || ' for a call that never entered a queue (no ENTERQUEUE for callid ' || callid || ')' as reason,
        callid as value, raw
      from ${orphans}`,
    );
  }
  const [read] = await db.query<Record<string, string>>(`select
      count(*) as records, count(*) filter (where problem is null and system_event) as system_events
    from ql_events`);
  await db.exec('drop table ql_events');
  await materialise(db, 'ql_legs', 'asterisk_queue_log/ql_legs');
  await db.exec('drop table ql_enters');
  const [legs] = await db.query<Record<string, string>>(`select
      (select count(*) from ql_legs where not open and previous_call_id is null) as calls,
      (select count(*) from ql_legs where not open and previous_call_id is not null) as legs,
      (select count(*) from ql_legs where open) as pending,
      (select count(*) from ql_assigned a join ql_legs l using (leg) where a.event = 'RINGNOANSWER' and not l.open) as missed`);
  const counts = { ...read, ...legs };
  const n = (key: string) => Number(counts[key]);
  return {
    ...(await canonicalRows(db, 'ql_legs', CONTRACTS.calls, CALL_COLUMNS, 'not open')),
    report: {
      records: n('records'),
      made: { calls: n('calls'), 'transfer legs': n('legs'), 'missed offers': n('missed') },
      skipped: { system_event: n('system_events'), pending: n('pending') },
      notes: ['queue_log has no hold or wrap-up time: hold_s and acw_s are 0, and there is no speech timeline'],
    },
    async commit(db, loadId) {
      // The open calls' events (earlier files' and this file's), whole, wait for a later file.
      // Every pending event was read into ql_assigned: those still open are written back.
      await db.exec(`create or replace temp table ql_open_events as
        select file, line, batch, event_at, event from ql_assigned
        where leg in (select leg from ql_legs where open)`);
      const opened = await linesWhole(db, 'ql_open_events', 'batch = 1');
      await db.exec(`create or replace temp table ql_still_open as
        select p.* from queue_log_pending p
        where (p.file, p.line) in (select (file, line) from ql_open_events where batch = 0)
        ${
          opened
            ? `union all
        select getvariable('source_file'), line, o.event_at, f.callid, f.queuename, f.agent, o.event, f.data1, f.data2, f.data3, f.data4, f.data5
        from ${opened} f join ql_open_events o using (line)
        where o.batch = 1`
            : ''
        }`);
      await db.exec('delete from queue_log_pending');
      await db.exec('insert into queue_log_pending select * from ql_still_open');
      await db.exec(`drop table ql_still_open; drop table ql_open_events; ${dropFields}`);
      await db.exec(`delete from missed_offers where call_id in (select call_id from ql_legs where not open)`);
      await db.exec(`insert into missed_offers
        select l.call_id,
          ql_agent(a.agent),
          a.event_at, try_cast(a.data1 as bigint), ${loadId}, a.line
        from ql_assigned a join ql_legs l using (leg)
        where a.event = 'RINGNOANSWER' and not l.open`);
    },
  };
}

/**
 * The rows of ql_fields (every field and the line's text as `raw`) of this file's lines that
 * `rows where condition` names: the few lines read whole again after the pivot. Their span
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
