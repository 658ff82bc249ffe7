-- ql_open_events: every event of the queue_log legs with no closing event yet (this file's
-- and earlier files' calls), kept for the file that ends them with the fields the pivot
-- reads (queue_log_pending).
-- grain: one row per such event.
-- from: temp tables ql_events, ql_callids (one-leg callids, measured), ql_assigned and
--   ql_placed_legs (the other legs' events, their names and whether they are open).
-- file and load_id are null for this file's events; batch 1 for them, 0 for open calls'
-- events carried from earlier files. A one-leg callid's events are those from its
-- ENTERQUEUE on (a DID or INFO before it is no part of it), as ql_assigned places them for
-- the other legs.

with one_leg_open as (
  select
    null::varchar as file, null::integer as load_id, ql_events.line, 1 as batch, ql_events.event_at,
    ql_events.callid, ql_events.code, ql_events.queuename, ql_events.agent, ql_events.data1, ql_events.data2
  from ql_events
  join ql_callids on ql_events.callid = ql_callids.leg_key
  where ql_events.problem is null
    and not ql_events.system_event
    and ql_callids.one_leg
    and ql_callids.open
    and ql_seq(ql_events.event_at, 1, ql_events.line, ql_events.code) >= ql_callids.enter_seq
),

placed_open as (
  select
    ql_assigned.file,
    ql_assigned.load_id,
    ql_assigned.line,
    ql_assigned.batch,
    ql_assigned.event_at,
    ql_placed_legs.callid,
    ql_assigned.code,
    ql_assigned.queuename,
    ql_assigned.agent,
    ql_assigned.data1,
    ql_assigned.data2
  from ql_assigned
  join ql_placed_legs on ql_assigned.leg = ql_placed_legs.leg
  where ql_placed_legs.open
),

final as (
  select * from one_leg_open
  union all
  select * from placed_open
)

select * from final
