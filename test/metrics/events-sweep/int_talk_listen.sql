-- The talk-listen step as it was before the stretch sweep (a sweep of start and end events),
-- kept only for talk-listen-sweep.test.ts, which checks that the new step matches it.
--
-- int_talk_listen: the talk-listen measures (docs/metrics.md#talk-listen) for each connected call with speech.
-- grain: one row per call with at least one segment inside its connected time.
-- from: int_segments_clipped, int_calls_measured.
--
-- Method: one time sweep per call instead of pairwise interval joins. Every segment gives a
-- start and an end event; a running count per speaker over the events in time order says
-- who is speaking between one event and the next. The union of a speaker's segments is
-- the time their count is above zero, so overlapping and unsorted segments need no
-- pre-merging. At one instant the events are ordered
--   0 customer end, 1 agent start, 2 agent end, 3 customer start
-- so that touching agent segments merge into one turn (start before end), and an agent
-- start sees only the customer segments that began strictly before it and end strictly
-- after it ("strictly inside").
-- Interruptions count agent turns (the agent's overlapping or touching segments merged),
-- so one stretch of agent speech split into overlapping pieces counts once.
-- unique: call_id
-- not null: call_id, agent_talk_ms, customer_talk_ms, overlap_ms, silence_ms, talk_ratio, interruptions, longest_monologue_ms

with segments as (
  select * from int_segments_clipped
),

calls as (
  select
    call_id,
    connected_ms
  from int_calls_measured
),

events as (
  select
    call_id,
    unnest([start_ms, end_ms]) as t,
    unnest(case speaker when 'agent' then [1, 2] else [3, 0] end) as kind,
    end_ms as segment_end_ms
  from segments
),

-- One pass over the events in time order. After each event:
--   agent_open / customer_open: segments of that speaker under way;
--   duration_ms: time until the next event (the state holds that long);
--   last_agent_end: the latest agent segment end so far;
--   customer_reach: the latest end of the customer segments begun so far.
sweep as (
  select
    call_id,
    t,
    kind,
    lead(t) over by_time - t as duration_ms,
    sum(case kind when 1 then 1 when 2 then -1 else 0 end) over by_time as agent_open,
    sum(case kind when 3 then 1 when 0 then -1 else 0 end) over by_time as customer_open,
    max(case when kind = 2 then t end) over by_time as last_agent_end,
    max(case when kind = 3 then segment_end_ms end) over by_time as customer_reach
  from events
  window by_time as (
    partition by call_id
    order by t, kind
    rows between unbounded preceding and current row
  )
),

speech_totals as (
  select
    call_id,
    coalesce(sum(duration_ms) filter (where agent_open > 0), 0) as agent_talk_ms,
    coalesce(sum(duration_ms) filter (where customer_open > 0), 0) as customer_talk_ms,
    coalesce(sum(duration_ms) filter (where agent_open > 0 and customer_open > 0), 0) as overlap_ms,
    coalesce(sum(duration_ms) filter (where agent_open > 0 or customer_open > 0), 0) as speech_ms,
    count(*) filter (where kind = 1 and agent_open = 1 and customer_open > 0) as interruptions,
    min(t) filter (where kind = 1) as greeting_ms,
    max(t) filter (where kind = 2) as last_agent_end_ms
  from sweep
  group by call_id
),

-- Agent turns: a turn starts where the agent count rises from 0. At a turn start the latest
-- agent end is the previous turn's end, and the customer spoke in the gap between them
-- exactly when a customer segment begun before this start reaches past that end. A turn
-- opens a new monologue unless the gap is at most 1000 ms with no customer speech in it.
-- So a monologue runs from an opening turn start to the previous turn end seen at the next
-- opening start (or, for the last one, to the call's last agent end).
monologue_starts as (
  select
    call_id,
    t as start_ms,
    last_agent_end as previous_end_ms
  from sweep
  where kind = 1
    and agent_open = 1
    and (
      last_agent_end is null
      or t - last_agent_end > 1000
      or coalesce(customer_reach > last_agent_end, false)
    )
),

monologues as (
  select
    monologue_starts.call_id,
    coalesce(
      lead(monologue_starts.previous_end_ms) over (
        partition by monologue_starts.call_id
        order by monologue_starts.start_ms
      ),
      speech_totals.last_agent_end_ms
    ) - monologue_starts.start_ms as monologue_ms
  from monologue_starts
  join speech_totals using (call_id)
),

longest_monologues as (
  select
    call_id,
    max(monologue_ms) as longest_monologue_ms
  from monologues
  group by call_id
),

final as (
  select
    speech_totals.call_id,
    speech_totals.agent_talk_ms,
    speech_totals.customer_talk_ms,
    speech_totals.overlap_ms,
    calls.connected_ms - speech_totals.speech_ms as silence_ms,
    safe_ratio(
      speech_totals.agent_talk_ms,
      speech_totals.agent_talk_ms + speech_totals.customer_talk_ms
    ) as talk_ratio,
    speech_totals.interruptions,
    coalesce(longest_monologues.longest_monologue_ms, 0) as longest_monologue_ms,
    speech_totals.greeting_ms
  from speech_totals
  join calls using (call_id)
  left join longest_monologues using (call_id)
)

select * from final
