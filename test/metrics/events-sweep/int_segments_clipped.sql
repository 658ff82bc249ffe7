-- The talk-listen step as it was before the stretch sweep (a sweep of start and end events),
-- kept only for talk-listen-sweep.test.ts, which checks that the new step matches it.
--
-- int_segments_clipped: the speech segments of the connected calls being computed, clipped
-- to the connected time [0, connected_ms]; what falls wholly outside it is dropped.
-- grain: one row per segment that keeps some length after clipping.
-- from: stg_segments, int_calls_measured (answered calls whose day is in [calls_from, calls_to]).
-- not null: call_id, speaker, start_ms, end_ms

with segments as (
  select * from stg_segments
),

calls as (
  select
    call_id,
    connected_ms
  from int_calls_measured
  where answered
    and day between getvariable('calls_from') and getvariable('calls_to')
),

clipped as (
  select
    segments.call_id,
    segments.speaker,
    greatest(segments.start_ms, 0) as start_ms,
    least(segments.end_ms, calls.connected_ms) as end_ms
  from segments
  join calls using (call_id)
),

final as (
  select * from clipped
  where end_ms > start_ms
)

select * from final
