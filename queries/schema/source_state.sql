-- Source state: what a phone system's export leaves open between files, so that the next
-- file finishes it (docs/sources/README.md). Every table here is written in the same transaction
-- as the file that changes it, so a failed file leaves it as it was.

-- queue_log_pending: the events of Asterisk queue calls whose closing event has not come
-- yet. The call is loaded (and its events deleted here) when a later file brings its end.
-- An event keeps the fields the queue_log pivot reads (the queue and caller of ENTERQUEUE,
-- the member and data1 of CONNECT and RINGNOANSWER); data3..data5 stay empty. load_id is
-- the load that read its file (with line, where a missed offer read from it leads back to;
-- null for events kept by a version of callq before it was recorded).
create table if not exists queue_log_pending (
  file varchar not null,
  line bigint not null,
  event_at timestamptz not null,
  callid varchar not null,
  queuename varchar,
  agent varchar,
  event varchar not null,
  data1 varchar,
  data2 varchar,
  data3 varchar,
  data4 varchar,
  data5 varchar,
  load_id integer
);
alter table queue_log_pending add column if not exists load_id integer;

-- missed_offers: a queue call offered to an agent who did not answer (Asterisk RINGNOANSWER):
-- a coaching figure of its own. Key: call_id, agent_id, offered_at.
-- Ids of calls and contacts below are nearly all distinct: stored with FSST alone, as
-- calls.call_id is (src/ingest/contracts.ts, distinctValues), since DuckDB's trial of a
-- dictionary on them costs time and never wins (missed offers of 10M queue_log events:
-- 0.69 s against 0.79 s).
create table if not exists missed_offers (
  call_id varchar using compression fsst not null,
  agent_id varchar not null,
  offered_at timestamptz not null,
  ring_ms bigint,
  load_id integer not null,
  source_line bigint not null
);

-- contact_versions: the version of each Amazon Connect contact record that is loaded (its
-- LastUpdateTimestamp), so that a re-delivered older copy never replaces a newer one.
-- Key: contact_id, kept by the adapter (delete, then insert, in the file's transaction): a
-- primary key index made a million-contact file's upsert about six times slower.
create table if not exists contact_versions (
  contact_id varchar using compression fsst not null,
  last_update timestamptz not null,
  load_id integer not null
);

-- contact_queue_moves: Connect contacts that a flow moved to another queue (no agent; the
-- next contact is a QUEUE_TRANSFER). Not calls themselves: the next contact's wait starts
-- at the first one's enqueue, which is kept here for a next contact in a later file.
-- Key: contact_id, kept by the adapter as for contact_versions.
create table if not exists contact_queue_moves (
  contact_id varchar not null,
  next_contact_id varchar,
  first_enqueue timestamptz,
  load_id integer not null
);

-- cdr_recent_legs: the Asterisk CDR rows (legs) of calls that ended in the last hours of the
-- file that held them. cdr_csv writes a row as each channel hangs up, so a call that spans
-- the log's rotation has rows in two files: the next file's rows of the same call are read
-- with these, and the call is made again from all its rows (its copy from the first file,
-- made from part of them, is replaced by key). Kept for four hours of CDRs after a file's
-- last (cdr_recent.sql).
create table if not exists cdr_recent_legs (
  file varchar not null,
  load_id integer not null,
  line bigint not null,
  call_key varchar not null,
  start_text varchar,
  started timestamptz not null,
  answered timestamptz,
  ended timestamptz,
  src varchar,
  dst varchar,
  dcontext varchar,
  channel varchar,
  dstchannel varchar,
  lastapp varchar,
  billsec bigint,
  disposition varchar,
  linkedid varchar
);
