-- ql_legs: Asterisk queue calls from queue_log events: one leg per ENTERQUEUE.
-- grain: one row per leg, open or closed; call_id is its key.
-- from: temp tables ql_callids (callids that are one leg, measured), ql_placed_legs (the
--   other legs, measured) and ql_member_agents (the agent of the member who answered).
-- A leg with no closing event yet is open: it is not a call until a later file ends it.

with one_leg_calls as (
  select leg_key as call_id, null::varchar as previous_call_id, *
  from ql_callids
  where one_leg
),

legs as (
  select * exclude (leg_key) from one_leg_calls
  union all by name
  select * exclude (leg, callid) from ql_placed_legs
),

final as (
  select
    legs.call_id,
    'inbound' as direction,
    ql_member_agents.agent_id,
    queue,
    caller_id,
    caller_id as customer_number,
    started_at,
    answered_at,
    ended_at,
    disconnect_party,
    transferred,
    previous_call_id,
    _line,
    open
  from legs
  left join ql_member_agents using (member)
)

select * from final
