-- int_talk_listen: the talk-listen measures (docs/metrics.md#talk-listen) for each connected call with speech.
-- grain: one row per call with at least one segment inside its connected time.
-- from: int_segments_clipped (which carries each call's connected_ms).
--
-- Method: one pass over each call's segments in start order (a window; no pairwise interval
-- joins, no start/end events). At each segment the pass knows each speaker's reach, the
-- latest end of that speaker's segments so far (this one included), and the next segment's
-- start. No segment begins between this start and the next, so on that stretch the agent
-- speaks from the start until the agent's reach and the customer until theirs. The
-- stretches tile the call, so summing them gives each speaker's talk (the union of their
-- segments: overlapping, nested and unsorted segments need no merging), the time both speak
-- and, from the connected time, the silence.
-- At one instant the agent's segments come first: a customer segment starting at the very
-- instant an agent turn starts is not under way when it starts.
-- The three other measures read the same pass at the boundary to the next segment:
-- - an agent turn starts there when the next segment is the agent's and the agent's reach
--   ends before it (touching or overlapping agent segments are one turn), so one stretch of
--   speech split into pieces counts once;
-- - the turn is an interruption when the customer's reach passes its start: a customer
--   segment begun strictly before it ends strictly after it;
-- - the turn breaks the monologue when the agent spoke before and the gap since the agent's
--   reach is over 1000 ms or has customer speech in it (the customer's reach passes the
--   agent's). A break ends one monologue at the agent's reach and starts the next at the
--   turn: a call's monologues run from its first agent start (the greeting) to the first
--   break, between breaks, and from the last break to its last agent end.
-- unique: call_id
-- not null: call_id, agent_talk_ms, customer_talk_ms, overlap_ms, silence_ms, talk_ratio, interruptions, longest_monologue_ms

with segments as (
  select
    call_number,
    call_id,
    connected_ms,
    speaker = 'agent' as is_agent,
    start_ms,
    end_ms
  from int_segments_clipped
),

-- Reaches are 0 before the speaker's first segment: every segment ends after 0. The window
-- is partitioned by call_number, an integer, which is cheaper to hash and sort than call_id.
sweep as (
  select
    call_number,
    call_id,
    connected_ms,
    is_agent,
    start_ms,
    end_ms,
    coalesce(max(end_ms) filter (where is_agent) over by_start, 0) as agent_reach_ms,
    coalesce(max(end_ms) filter (where not is_agent) over by_start, 0) as customer_reach_ms,
    lead(start_ms) over by_start as next_start_ms,
    lead(is_agent) over by_start as next_is_agent
  from segments
  window by_start as (
    partition by call_number
    order by start_ms, not is_agent
    rows between unbounded preceding and current row
  )
),

-- What happens from each start to the next (the last segment's stretch runs to the reaches).
stretches as (
  select
    call_number,
    call_id,
    connected_ms,
    is_agent,
    start_ms,
    end_ms,
    agent_reach_ms,
    next_start_ms,
    greatest(least(agent_reach_ms, next_start_ms) - start_ms, 0) as agent_ms,
    greatest(least(customer_reach_ms, next_start_ms) - start_ms, 0) as customer_ms,
    greatest(least(agent_reach_ms, customer_reach_ms, next_start_ms) - start_ms, 0) as both_ms,
    next_is_agent and agent_reach_ms < next_start_ms as agent_turn_next,
    customer_reach_ms > next_start_ms as customer_under_way_next,
    agent_reach_ms > 0
      and (next_start_ms - agent_reach_ms > 1000 or customer_reach_ms > agent_reach_ms) as gap_breaks_next
  from sweep
),

calls_swept as (
  select
    call_number,
    any_value(call_id) as call_id,
    any_value(connected_ms) as connected_ms,
    sum(agent_ms) as agent_talk_ms,
    sum(customer_ms) as customer_talk_ms,
    sum(both_ms) as overlap_ms,
    count(*) filter (where agent_turn_next and customer_under_way_next) as interruptions,
    min(start_ms) filter (where is_agent) as greeting_ms,
    max(end_ms) filter (where is_agent) as last_agent_end_ms,
    list(agent_reach_ms) filter (where agent_turn_next and gap_breaks_next) as break_ends_ms,
    list(next_start_ms) filter (where agent_turn_next and gap_breaks_next) as break_starts_ms
  from stretches
  group by call_number
),

-- Monologue k runs from starts[k] to ends[k]; the lists are short (a few per call).
monologues as (
  select
    *,
    list_prepend(greeting_ms, list_sort(coalesce(break_starts_ms, []))) as monologue_starts_ms,
    list_append(list_sort(coalesce(break_ends_ms, [])), last_agent_end_ms) as monologue_ends_ms
  from calls_swept
),

final as (
  select
    call_id,
    agent_talk_ms,
    customer_talk_ms,
    overlap_ms,
    connected_ms - (agent_talk_ms + customer_talk_ms - overlap_ms) as silence_ms,
    talk_ratio(agent_talk_ms, customer_talk_ms) as talk_ratio,
    interruptions,
    coalesce(list_max(list_transform(
      monologue_ends_ms,
      lambda end_ms, k: end_ms - monologue_starts_ms[k]
    )), 0) as longest_monologue_ms,
    greeting_ms
  from monologues
)

select * from final
