-- System tables: the load history, the rejected rows and the run history.
-- Created once per database; every load and every job run appends to them.

create sequence if not exists load_id_seq start 1;

-- load_log: one row per file a load applied (or skipped as already loaded).
create table if not exists load_log (
  load_id integer primary key,
  file varchar not null,
  sha256 varchar not null,
  "table" varchar not null,
  format varchar not null,
  encoding varchar,
  rows bigint not null,        -- rows read from the file
  loaded bigint not null,      -- rows kept (inserted or replacing an older row)
  rejects bigint not null,
  started timestamptz not null,
  finished timestamptz not null
);

-- rejects: one row per rule a source row broke; the row itself is kept out of the canonical table.
create table if not exists rejects (
  load_id integer not null,
  file varchar not null,
  "table" varchar not null,
  line bigint,                 -- 1-based line of the record in the file (row number for Parquet/Arrow)
  "column" varchar,
  reason varchar not null,
  value varchar,               -- the offending cell as it stood in the file
  raw varchar                  -- the whole record as text
);

create sequence if not exists run_id_seq start 1;

-- runs: one row per job run (load, compute, anomalies, report, nightly).
create table if not exists runs (
  run_id integer primary key,
  command varchar not null,
  day date,
  started timestamptz not null,
  finished timestamptz,
  status varchar not null,     -- running, done, failed, rejects, died (its process was killed)
  counts json
);

-- recorded_config: the settings the database's data was computed under (time zone,
-- thresholds, targets, rule settings), as JSON; the latest row is in force. A run without
-- --config uses it; a run whose time zone differs is refused unless --reconfigure
-- (docs/recorded-config.md). Machine settings (memory_limit, temp_directory) are not kept.
create table if not exists recorded_config (
  recorded_at timestamptz not null,
  command varchar not null,
  reconfigured boolean not null,
  config varchar not null
);
