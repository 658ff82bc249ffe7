-- ql_assigned: the queue_log call events of the callids that are not one leg and of calls
-- earlier files left open (ql_other_events), each assigned to its leg: the latest
-- ENTERQUEUE of its callid at or before it.
-- grain: one row per call event; leg is its leg in ql_enters (null for an
--   event of a call that never entered a queue in this file or an open one: an orphan).
-- from: temp tables ql_other_events (those events) and ql_enters (the legs, named).
-- file and load_id are null for this file's events (the adapter knows them), seq the event's place
-- in the order app_queue wrote them (ql_seq, as in ql_enters). Only what the legs
-- (ql_leg_measures), missed offers, open calls and rejects read is kept.

with ordered as (
  select *, ql_seq(event_at, batch, line, code) as seq
  from ql_other_events
),

final as (
  select
    ordered.file,
    ordered.load_id,
    ordered.line,
    ordered.batch,
    ordered.seq,
    ordered.event_at,
    ordered.code,
    ordered.queuename,
    ordered.agent,
    ordered.data1,
    ordered.data2,
    ql_enters.leg
  from ordered
  -- The leg whose span holds the event: a hash join on callid (legs of a callid do not overlap).
  left join ql_enters
    on ordered.callid = ql_enters.callid and ordered.seq >= ql_enters.enter_seq and ordered.seq < ql_enters.next_enter_seq
)

select * from final
