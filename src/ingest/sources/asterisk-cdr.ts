/**
 * Asterisk call detail records (docs/sources/asterisk.md §4–5): cdr_csv's Master.csv (no
 * header; 16 to 21 columns by the loguniqueid, loguserfield and newcdrcolumns options) or
 * a CSV export of the cdr table (a header; `start` or, in older schemas, `calldate`).
 * Rows are legs; the SQL under queries/sources/asterisk_cdr/ makes them customer calls.
 * Times are the PBX's naive local time, read in the configured time zone.
 */
import type { Config } from '../../config/config-schema.ts';
import type { Database } from '../../db/database.ts';
import { CONTRACTS } from '../contracts.ts';
import { csvCells } from '../csv-cells.ts';
import { detectDelimiter, headLines, readHeaderLine } from '../read-source.ts';
import { quoteIdent, sqlString } from '../staging-sql.ts';
import { readQuery } from '../../db/sql-files.ts';
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

const CALL_COLUMNS = [
  'call_id',
  'direction',
  'agent_id',
  'customer_number',
  'caller_id',
  'started_at',
  'answered_at',
  'ended_at',
  'transferred',
  'previous_call_id',
  'disposition',
];
const BASE = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
];
const NEW_COLUMNS = ['peeraccount', 'linkedid', 'sequence'];
const DISPOSITIONS = /^(ANSWERED|NO ANSWER|BUSY|FAILED|CONGESTION|CANCEL)$/;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * Master.csv's columns from its first row. 17 and 20 columns hold uniqueid or userfield:
 * a uniqueid has the shape `epoch.sequence`, which decides it (and the load says so).
 */
function masterColumns(first: string[]): string[] | null {
  if (first.length < 16 || first.length > 21 || !TIME.test(first[9] ?? '') || !DISPOSITIONS.test(first[14] ?? ''))
    return null;
  const uniqueid = /^\d+\.\d+$/.test(first[16] ?? '');
  switch (first.length) {
    case 16:
      return BASE;
    case 17:
      return [...BASE, uniqueid ? 'uniqueid' : 'userfield'];
    case 18:
      return [...BASE, 'uniqueid', 'userfield'];
    case 19:
      return [...BASE, ...NEW_COLUMNS];
    case 20:
      return [...BASE, uniqueid ? 'uniqueid' : 'userfield', ...NEW_COLUMNS];
    default:
      return [...BASE, 'uniqueid', 'userfield', ...NEW_COLUMNS];
  }
}

function exportColumns(header: string): string[] | null {
  const columns = header.split(detectDelimiter(header)).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const has = (name: string) => columns.includes(name);
  return (has('start') || has('calldate')) && has('dcontext') && has('channel') && has('disposition') ? columns : null;
}

export const asteriskCdr: SourceAdapter = {
  name: 'asterisk-cdr',
  table: 'calls',
  description: "Asterisk call detail records: cdr_csv's Master.csv or a CSV export of the cdr table",
  format: 'csv',
  reasons: {
    internal: 'internal calls (extension to extension)',
    ivr_only: 'inbound calls that never reached an agent (IVR only)',
    other_context: 'calls starting in a context that is neither inbound nor outbound (sources.asterisk)',
  },
  recognise(head) {
    const first = head.split(/\r?\n/, 1)[0] ?? '';
    return masterColumns(csvCells(first)) !== null || exportColumns(first) !== null;
  },
  // Rows are written as channels hang up: the first row's end is about when the file starts.
  firstRecordAt(head) {
    const [first = '', second = ''] = headLines(head, 2);
    const master = masterColumns(csvCells(first));
    const columns = master ?? exportColumns(first);
    const row = master ? csvCells(first) : csvCells(second, detectDelimiter(first));
    const cell = (name: string) => (columns?.includes(name) ? row[columns.indexOf(name)]?.trim() : undefined) || null;
    const time = cell('end') ?? cell('start') ?? cell('calldate');
    return time === null ? null : cellTimeMs(time);
  },
  async open(db, path, { config }) {
    await bindSourceFile(db, path);
    await resetSourceRejects(db);
    await bindContexts(db, config);
    const first = readHeaderLine(path);
    const master = masterColumns(csvCells(first));
    const notes: string[] = [
      'CDRs have no hold, wrap-up or who hung up: hold_s and acw_s are 0, disconnect_party is empty, and there is no speech timeline',
    ];
    if (master) {
      await readRows(db, path, { header: false, columns: master });
      if (!master.includes('linkedid') && !master.includes('uniqueid'))
        notes.push(
          "this Master.csv has neither linkedid nor uniqueid: a call is its caller's channel, named `<channel>@<start>`",
        );
      if (master.length === 17 || master.length === 20) notes.push(`column 17 read as ${master[16]} (from its values)`);
    } else if (exportColumns(first)) await readRows(db, path, { header: true, columns: [] });
    else
      throw new Error(
        'not an Asterisk CDR: its first line is neither a Master.csv row nor a header with start (or calldate), dcontext, channel and disposition',
      );
    await materialise(db, 'cdr_legs', 'asterisk_cdr/cdr_legs');
    return report(db, notes);
  },
};

async function bindContexts(db: Database, config: Config): Promise<void> {
  const asterisk = config.sources.asterisk;
  // Lists travel as JSON text: bound, then read back as a list of text.
  await db.exec(`set variable cdr_inbound_contexts = from_json($1::varchar, '["VARCHAR"]')`, [
    JSON.stringify(asterisk.inbound_contexts),
  ]);
  await db.exec(`set variable cdr_outbound_contexts = from_json($1::varchar, '["VARCHAR"]')`, [
    JSON.stringify(asterisk.outbound_contexts),
  ]);
  await db.exec('set variable cdr_extension_pattern = $1::varchar', [asterisk.extension_pattern]);
}

/**
 * The file's rows, typed, in temp table cdr_rows. A time that is empty, all zeros or the
 * epoch is no time (databases write unanswered calls so); one that does not parse is a
 * reject at its line. Without answer and end columns (calldate schemas) they follow from
 * duration and billsec.
 */
async function readRows(db: Database, path: string, layout: { header: boolean; columns: string[] }): Promise<void> {
  const options = layout.header
    ? `header = true, all_varchar = true, delim = ${sqlString(detectDelimiter(readHeaderLine(path)))}`
    : `header = false, all_varchar = true, delim = ',', auto_detect = false, columns = {${layout.columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
  await db.exec(
    `create or replace temp table cdr_file as select * from read_csv(${sqlString(path)}, ${options}, quote = '"', escape = '"')`,
  );
  const present = new Set(
    (await db.query<{ column_name: string }>('describe cdr_file')).map((c) => c.column_name.toLowerCase()),
  );
  const col = (name: string) => (present.has(name) ? quoteIdent(name) : 'null');
  const time = (cell: string) =>
    `case when nullif(trim(${cell}), '') is null or trim(${cell}) like '0000-00-00%' or trim(${cell}) like '1970-01-01%' then null
      else try_cast(trim(${cell}) as timestamptz) end`;
  const start = present.has('start') ? col('start') : col('calldate');
  const firstLine = layout.header ? 2 : 1;
  await db.exec(`create or replace temp table cdr_typed as
    select
      rowid + ${firstLine} as _line,
      to_json(cdr_file)::varchar as raw,
      trim(${start}) as start_text,
      ${time(start)} as started,
      ${present.has('answer') ? time(col('answer')) : `case when ${col('disposition')} = 'ANSWERED' then ${time(start)} + to_seconds(try_cast(${col('duration')} as bigint) - try_cast(${col('billsec')} as bigint)) end`} as answered,
      ${present.has('end') ? time(col('end')) : `${time(start)} + to_seconds(try_cast(${col('duration')} as bigint))`} as ended,
      trim(${col('src')}) as src,
      trim(${col('dst')}) as dst,
      trim(${col('dcontext')}) as dcontext,
      trim(${col('channel')}) as channel,
      nullif(trim(${col('dstchannel')}), '') as dstchannel,
      trim(${col('lastapp')}) as lastapp,
      try_cast(${col('billsec')} as bigint) as billsec,
      upper(trim(${col('disposition')})) as disposition,
      coalesce(nullif(trim(${col('linkedid')}), ''), nullif(trim(${col('uniqueid')}), '')) as linkedid
    from cdr_file`);
  await addSourceRejects(
    db,
    `select _line as line, 'start' as "column",
      'not a timestamp (YYYY-MM-DD hh:mm:ss)' as reason, start_text as value, raw
    from cdr_typed where started is null`,
  );
  // Without linkedid or uniqueid, a call is its caller's channel (unique while Asterisk runs).
  // This file's rows are batch 1; file and load_id name the earlier file of a carried row.
  await db.exec(`create or replace temp table cdr_rows as
    select
      *,
      coalesce(linkedid, channel || '@' || min(start_text) over (partition by channel)) as call_key,
      1 as batch,
      null::varchar as file,
      null::integer as load_id
    from cdr_typed where started is not null`);
  await db.exec('drop table cdr_file; drop table cdr_typed');
  // The rows earlier files left of this file's calls (a call across the log's rotation).
  await materialise(db, 'cdr_carried', 'asterisk_cdr/cdr_carried');
  await db.exec('insert into cdr_rows by name select * from cdr_carried');
}

async function report(db: Database, notes: string[]): Promise<AdapterRelation> {
  const counts = await db.query<{ reason: string | null; n: string; legs: string }>(
    'select skip_reason as reason, count(*) as n, count(previous_call_id) as legs from cdr_legs group by all',
  );
  const n = (reason: string | null) => Number(counts.find((c) => c.reason === reason)?.n ?? 0);
  const legs = Number(counts.find((c) => c.reason === null)?.legs ?? 0);
  const records =
    Number(await db.scalar('select count(*) from cdr_rows where batch = 1')) +
    Number(await db.scalar('select count(*) from source_rejects'));
  return {
    ...(await canonicalRows(db, 'cdr_legs', CONTRACTS.calls, CALL_COLUMNS, 'skip_reason is null')),
    report: {
      records,
      made: { calls: n(null) - legs, 'transfer legs': legs },
      skipped: { internal: n('internal'), ivr_only: n('ivr_only'), other_context: n('other_context') },
      notes,
    },
    async commit(db, loadId) {
      await replaceSourceState(db, 'cdr_recent_legs', readQuery('sources/asterisk_cdr/cdr_recent.sql'), loadId);
    },
  };
}
