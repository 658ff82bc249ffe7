/**
 * Amazon Connect contact records (format 2017-03-10; docs/sources/amazon-connect.md), as
 * JSON Lines, as Kinesis Firehose writes them to S3 (objects concatenated with no
 * separator) or as a JSON array. Voice contacts become call legs; the rules are the SQL
 * under queries/sources/amazon_connect_ctr/. A `--map` entry picks a canonical column from
 * a record's path, e.g. {"calls": {"disposition": "Attributes.disposition"}}.
 */
import type { Database } from '../../db/database.ts';
import type { ColumnMapping, MappingEntry } from '../column-mapping.ts';
import { CONTRACTS } from '../contracts.ts';
import { jsonPath } from '../read-source.ts';
import { readQuery } from '../../db/sql-files.ts';
import { quoteIdent } from '../staging-sql.ts';
import { bindSourceFile, canonicalRows, materialise, resetSourceRejects } from './adapter-sql.ts';
import { firstRecordHead, readJsonRecords } from './json-records.ts';
import type { AdapterRelation, SourceAdapter } from './source-adapter.ts';

const CALL_COLUMNS = [
  'call_id',
  'direction',
  'agent_id',
  'queue',
  'customer_number',
  'caller_id',
  'started_at',
  'answered_at',
  'ended_at',
  'hold_s',
  'acw_s',
  'disconnect_party',
  'transferred',
  'previous_call_id',
];

const REASONS: Record<string, string> = {
  not_voice: 'chats, tasks and emails (not voice)',
  monitor: 'supervisor monitoring contacts',
  no_queue_or_agent: 'contacts that never reached a queue or an agent (ended in a flow)',
  queue_move: "contacts a flow moved to another queue (the next contact's wait starts at the first enqueue)",
  superseded: 'copies superseded by a later copy of the same contact (LastUpdateTimestamp)',
};

export const amazonConnectCtr: SourceAdapter = {
  name: 'amazon-connect-ctr',
  table: 'calls',
  description: 'Amazon Connect contact records (JSON Lines, Firehose objects or a JSON array)',
  format: 'jsonl',
  reasons: REASONS,
  recognise(head) {
    const record = firstRecordHead(head);
    return (
      record.startsWith('{') &&
      /"ContactId"\s*:/.test(record) &&
      /"(InitiationMethod|AWSContactTraceRecordFormatVersion)"\s*:/.test(record)
    );
  },
  mapping: {
    takes: '"Record.Path": "calls column" entries of calls (Attributes such as "Attributes.disposition")',
    applies: (table, _key, entry) => table === 'calls' && isRecordPathPick(entry),
  },
  async open(db, path, { mapping }) {
    await bindSourceFile(db, path);
    await resetSourceRejects(db);
    await db.exec(readQuery('sources/amazon_connect_ctr/ctr_fields.sql'));
    const picks = recordPathPicks(mapping);
    // The records' text is kept only for the mapping's picks to read.
    await readJsonRecords(db, path, 'ctr_records', 'ctr_fields', picks.length > 0);
    await materialise(db, 'ctr_contacts', 'amazon_connect_ctr/ctr_contacts');
    await materialise(db, 'ctr_calls', 'amazon_connect_ctr/ctr_calls');
    const mapped = await addMappedColumns(db, picks);
    // The records' text is read: only the typed contacts and calls are used from here on.
    await db.exec('drop table ctr_records');
    return report(db, [...CALL_COLUMNS.filter((c) => !mapped.includes(c)), ...mapped]);
  },
};

const CANONICAL_CALL_COLUMNS = new Set(CONTRACTS.calls.columns.map((c) => c.name));

/** A mapping entry `"Record.Path": "calls column"`: the one kind this adapter applies. */
function isRecordPathPick(entry: MappingEntry): entry is string {
  return typeof entry === 'string' && CANONICAL_CALL_COLUMNS.has(entry);
}

/** The mapping's `"Record.Path": "calls column"` entries (Attributes the centre's flows set). */
function recordPathPicks(mapping: ColumnMapping | undefined): [string, string][] {
  return Object.entries(mapping?.calls ?? {}).filter((pick): pick is [string, string] => isRecordPathPick(pick[1]));
}

/** The picked columns, added to ctr_calls, overriding the adapter's own when a pick names one. */
async function addMappedColumns(db: Database, picks: [string, string][]): Promise<string[]> {
  for (const [path, canonical] of picks) {
    const column = quoteIdent(`${canonical}__mapped`);
    await db.exec(`alter table ctr_calls add column ${column} varchar`);
    // The path comes from the user's mapping file: bound, never pasted. The record's text is
    // in ctr_records (ctr_calls keeps only its line).
    await db.exec(
      `update ctr_calls set ${column} = r.value
       from (select _line, json_extract_string(json, $1) as value from ctr_records) r
       where r._line = ctr_calls._line`,
      [jsonPath(path.split('.'))],
    );
    await db.exec(`alter table ctr_calls drop column if exists ${quoteIdent(canonical)}`);
    await db.exec(`alter table ctr_calls rename column ${column} to ${quoteIdent(canonical)}`);
  }
  return picks.map(([, canonical]) => canonical);
}

async function report(db: Database, columns: string[]): Promise<AdapterRelation> {
  // Superseded: every copy dropped, whether an older copy in this file, an older copy that
  // comes after a newer one was loaded, or the loaded copy a newer one replaces.
  const counts = await db.query<{ reason: string | null; n: string }>(
    `select skip_reason as reason, count(*) as n from ctr_calls group by all
     union all select 'superseded', count(*) from ctr_contacts where superseded_in_file
     union all select 'superseded', count(*) from ctr_calls join contact_versions v on v.contact_id = ctr_calls.call_id
       where skip_reason is distinct from 'superseded' and v.last_update < ctr_calls.last_update`,
  );
  const n = (reason: string | null) =>
    counts.filter((c) => c.reason === reason).reduce((sum, c) => sum + Number(c.n), 0);
  const records =
    Number(await db.scalar('select count(*) from ctr_contacts')) +
    Number(await db.scalar('select count(*) from source_rejects'));
  const legs = Number(
    await db.scalar('select count(*) from ctr_calls where skip_reason is null and previous_call_id is not null'),
  );
  return {
    ...(await canonicalRows(db, 'ctr_calls', CONTRACTS.calls, columns, 'skip_reason is null')),
    report: {
      records,
      made: { calls: n(null) - legs, 'transfer legs': legs },
      skipped: Object.fromEntries(Object.keys(REASONS).map((reason) => [reason, n(reason)])),
      notes: [],
    },
    async commit(db, loadId) {
      // Every copy applied now is the one a later, older copy must not replace. Each state
      // table is keyed by contact_id: a contact's row is replaced (deleted, then inserted).
      await db.exec(`create or replace temp table ctr_versions as
        select call_id as contact_id, last_update, ${loadId} as load_id from ctr_calls
        where skip_reason is distinct from 'superseded' and last_update is not null`);
      await replaceByContact(db, 'contact_versions', 'ctr_versions');
      await db.exec(`create or replace temp table ctr_moves as
        select c.call_id as contact_id, c.next_contact_id, coalesce(m.first_enqueue, c.enqueued_at) as first_enqueue, ${loadId} as load_id
        from ctr_calls c left join contact_queue_moves m on m.contact_id = c.previous_contact_id
        where c.skip_reason = 'queue_move'`);
      await replaceByContact(db, 'contact_queue_moves', 'ctr_moves');
      await db.exec('drop table ctr_versions; drop table ctr_moves');
    },
  };
}

/** Replaces the rows of `table` whose contact_id `rows` has with those of `rows` (same columns). */
async function replaceByContact(db: Database, table: string, rows: string): Promise<void> {
  await db.exec(`delete from ${table} where contact_id in (select contact_id from ${rows})`);
  await db.insertSelect(table, `select * from ${rows}`);
}
