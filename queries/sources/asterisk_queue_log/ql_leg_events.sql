-- ql_leg_events: the events of this file's and earlier files' queue_log calls that the load
-- keeps beyond the legs: RINGNOANSWER of closed legs (missed offers) and every event of an
-- open leg (kept for the file that ends it, with the fields the pivot reads).
-- grain: one row per such event.
-- from: temp tables ql_events, ql_callids (one-leg callids, measured), ql_assigned and
--   ql_placed_legs (the other legs' events, and their names and whether they are open).
-- file is null for this file's events; batch 1 for them, 0 for open calls' events carried
-- from earlier files. A one-leg callid's events are those from its ENTERQUEUE on (a DID or
-- INFO before it is no part of it), as ql_assigned places them for the other legs.

-- Not materialised: each use reads only the events it joins.
with call_events as not materialized (
  select * from ql_events
  where problem is null and not system_event
),

not_one_closed_leg as (
  -- Few: callids that are not one leg, or one still open.
  select leg_key as callid from ql_callids
  where not one_leg or open
),

one_leg_missed as (
  -- Every RINGNOANSWER of a one-leg callid comes after its ENTERQUEUE (ql_callids). Told by
  -- the few callids that are not closed one-leg calls, to keep the join's table small.
  select call_events.*, false as open
  from call_events
  anti join not_one_closed_leg on call_events.callid = not_one_closed_leg.callid
  where call_events.code = ql_event_code('RINGNOANSWER')
),

one_leg_open as (
  select call_events.*, true as open
  from call_events
  join ql_callids on call_events.callid = ql_callids.leg_key
  where ql_callids.one_leg
    and ql_callids.open
    and ql_seq(call_events.event_at, 1, call_events.line, call_events.code) >= ql_callids.enter_seq
),

one_leg_events as (
  -- A one-leg callid's call_id is the callid.
  select null::varchar as file, line, 1 as batch, event_at, callid, code, queuename, agent, data1, data2, callid as call_id, open
  from (
    select * from one_leg_missed
    union all
    select * from one_leg_open
  )
),

placed_events as (
  select
    ql_assigned.file,
    ql_assigned.line,
    ql_assigned.batch,
    ql_assigned.event_at,
    ql_placed_legs.callid,
    ql_assigned.code,
    ql_assigned.queuename,
    ql_assigned.agent,
    ql_assigned.data1,
    ql_assigned.data2,
    ql_placed_legs.call_id,
    ql_placed_legs.open
  from ql_assigned
  join ql_placed_legs on ql_assigned.leg = ql_placed_legs.leg
  where ql_placed_legs.open or ql_assigned.code = ql_event_code('RINGNOANSWER')
),

final as (
  select * from one_leg_events
  union all
  select * from placed_events
)

select * from final
