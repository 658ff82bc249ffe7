-- ql_missed_offers: the RINGNOANSWER events of the queue_log legs that are closed (this
-- file's and earlier files' calls): a queue call offered to a member who did not answer.
-- grain: one row per such event.
-- from: temp tables ql_events, ql_callids (one-leg callids, measured), ql_assigned and
--   ql_placed_legs (the other legs' events, their names and whether they are open).
-- Only what missed_offers takes is kept (the member's agent is joined there, from
-- ql_member_agents): a million offers with a whole event each cost twice as long to keep.
-- A one-leg callid's call_id is the callid, and its every RINGNOANSWER comes after its
-- ENTERQUEUE (ql_callids). load_id and line lead back to the event: load_id is null for
-- this file's (the adapter knows its load), else the load that read the earlier file.

with not_one_closed_leg as (
  -- Few: callids that are not one leg, or one still open.
  select leg_key as callid from ql_callids
  where not one_leg or open
),

one_leg_missed as (
  -- Told by the few callids that are not closed one-leg calls, to keep the join's table small.
  select
    ql_events.callid as call_id, ql_events.agent as member, ql_events.event_at, ql_events.data1,
    null::integer as load_id, ql_events.line
  from ql_events
  anti join not_one_closed_leg on ql_events.callid = not_one_closed_leg.callid
  where ql_events.problem is null and ql_events.code = ql_event_code('RINGNOANSWER')
),

placed_missed as (
  select
    ql_placed_legs.call_id, ql_assigned.agent as member, ql_assigned.event_at, ql_assigned.data1,
    ql_assigned.load_id, ql_assigned.line
  from ql_assigned
  join ql_placed_legs on ql_assigned.leg = ql_placed_legs.leg
  where not ql_placed_legs.open and ql_assigned.code = ql_event_code('RINGNOANSWER')
),

final as (
  select * from one_leg_missed
  union all
  select * from placed_missed
)

select * from final
