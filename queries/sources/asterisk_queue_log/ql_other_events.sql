-- ql_other_events: the queue_log call events of the callids that are not one leg (ql_callids:
-- re-entries, events before the enter, calls earlier files left open), with the events of
-- the calls earlier files left open, read from ql_events once for ql_enters and ql_assigned.
-- grain: one row per call event of such a callid.
-- from: temp tables ql_events (this file's events) and ql_callids (which callids are one
--   leg); ql_carried (open calls' events, their event by name).
-- file and load_id are null and batch 1 for this file's events (the adapter knows its name
-- and load); batch 0 for the open calls' events, which come first in app_queue's order
-- (ql_seq).

with this_file as (
  select
    null::varchar as file, null::integer as load_id, line, 1 as batch, event_at, callid, queuename, agent,
    code, data1, data2
  from ql_events
  where problem is null and not system_event
    and callid in (select leg_key from ql_callids where not one_leg)
),

carried as (
  select file, load_id, line, 0 as batch, event_at, callid, queuename, agent, ql_event_code(event) as code, data1, data2
  from ql_carried
),

final as (
  select * from this_file
  union all
  select * from carried
)

select * from final
