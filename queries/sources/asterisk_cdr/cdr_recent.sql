-- cdr_recent: the CDR rows to keep for the next file (cdr_recent_legs): every row of the
-- calls whose last row ended in this file's last four hours (a call still going when the
-- log rotated has rows written before the rotation, each as its channel hung up: four
-- hours covers any call but the longest), and the rows kept before of calls this file did
-- not continue, while they are that recent.
-- grain: one row per CDR row kept.
-- from: temp table cdr_rows (this file's rows, batch 1, with the rows of its calls carried
--   from earlier files, batch 0) and cdr_recent_legs (the rows kept before).
-- file and load_id are null for this file's rows (the adapter knows its name and load).

with kept_since as (
  select max(coalesce(ended, started)) - interval 4 hours as since
  from cdr_rows
  where batch = 1
),

recent_calls as (
  -- A call's last row ended that late when any of its rows did.
  select distinct call_key
  from cdr_rows
  where coalesce(ended, started) >= (select since from kept_since)
),

this_load as (
  select
    file, load_id, _line as line, call_key, start_text, started, answered, ended, src, dst, dcontext,
    channel, dstchannel, lastapp, billsec, disposition, linkedid
  from cdr_rows
  where call_key in (select call_key from recent_calls)
),

not_continued as (
  select *
  from cdr_recent_legs
  where call_key not in (select call_key from cdr_rows)
    and coalesce(ended, started) >= (select since from kept_since)
),

final as (
  select * from this_load
  union all by name
  select * from not_continued
)

select * from final
