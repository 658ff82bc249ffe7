-- cdr_carried: the rows earlier CDR files left of calls that this file has rows of too (a
-- call that spanned the log's rotation), as rows of cdr_rows from an earlier batch (0).
-- grain: one row per carried CDR row of such a call.
-- from: cdr_recent_legs (rows of calls that ended near the end of earlier files) and temp
--   table cdr_rows (this file's rows, typed).
-- A Master.csv loaded again as it grows (never rotated) holds the carried rows again as its
-- own: a carried row the file holds again (the same call, channels, times, disposition and
-- application) is read from the file only, else its leg would count twice.

with this_file as (
  select * from cdr_rows
),

carried as (
  select *
  from cdr_recent_legs
  where call_key in (select call_key from this_file)
),

final as (
  select
    carried.line as _line,
    null::varchar as raw,
    carried.start_text,
    carried.started,
    carried.answered,
    carried.ended,
    carried.src,
    carried.dst,
    carried.dcontext,
    carried.channel,
    carried.dstchannel,
    carried.lastapp,
    carried.billsec,
    carried.disposition,
    carried.linkedid,
    carried.call_key,
    0 as batch,
    carried.file,
    carried.load_id
  from carried
  anti join this_file
    on (carried.call_key, carried.channel, carried.dstchannel, carried.started, carried.answered, carried.ended,
      carried.disposition, carried.lastapp)
    is not distinct from (this_file.call_key, this_file.channel, this_file.dstchannel, this_file.started,
      this_file.answered, this_file.ended, this_file.disposition, this_file.lastapp)
)

select * from final
