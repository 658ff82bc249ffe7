-- ql_placed_legs: the legs of the callids that are not one leg (ql_callids: re-entries,
-- events before the enter, calls earlier files left open), measured from the events placed
-- on them.
-- grain: one row per leg of ql_enters (each holds at least its ENTERQUEUE).
-- from: temp tables ql_assigned (the events, by leg) and ql_enters (the legs, named); macro
--   ql_leg_measures.
-- A table of its own, though few: ql_legs, ql_missed_offers and ql_open_events read it,
-- and as part of the ql_legs view it would be measured again by each of them.

with placed_events as (
  select leg as leg_key, seq, code, queuename, agent, data2
  from ql_assigned
  where leg is not null
),

final as (
  -- The leg's queue and caller are its first enter's (ql_leg_measures takes any enter's).
  select
    ql_enters.leg,
    ql_enters.callid,
    ql_enters.call_id,
    ql_enters.previous_call_id,
    measured.* exclude (leg_key) replace (ql_enters.queuename as queue, ql_enters.caller_id as caller_id)
  from ql_leg_measures('placed_events') as measured
  join ql_enters on measured.leg_key = ql_enters.leg
)

select * from final
