-- int_segments_clipped: the speech segments of the connected calls being computed, clipped
-- to the connected time [0, connected_ms]; what falls wholly outside it is dropped.
-- grain: one row per segment that keeps some length after clipping.
-- from: stg_segments, int_calls_measured (answered calls whose day is in [calls_from, calls_to]).
-- Each row carries its call's connected_ms, so the talk-listen sweep needs no second join,
-- and a call_number: an integer unique to the call within one read of this view, which the
-- sweep partitions by (hashing and sorting an integer is cheaper than call_id text). It is
-- not stable between reads: use it within one query only.
-- not null: call_number, call_id, connected_ms, speaker, start_ms, end_ms

with segments as (
  select * from stg_segments
),

calls as (
  select
    call_id,
    row_number() over () as call_number,
    connected_ms
  from int_calls_measured
  where answered
    and day between getvariable('calls_from') and getvariable('calls_to')
),

clipped as (
  select
    calls.call_number,
    segments.call_id,
    calls.connected_ms,
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
