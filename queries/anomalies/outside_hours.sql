-- outside_hours: outbound calls dialled outside the allowed calling window
-- (calling_window, default 08:00–21:00 local). A call starting exactly at the window's
-- start or end is inside it.
-- Grain: one row per outbound call started on a day in [$from, $to]. From: stg_calls.
-- value: local start time in hours (21.5 = 21:30); baseline: the nearer window edge in
-- hours; score: minutes outside the window.

with outbound_calls as (
  select
    call_id,
    agent_id,
    day,
    cast(cast(started_at as timestamp) as time) as local_time
  from stg_calls
  where direction = 'outbound'
    and started_at >= cast(cast($from as date) as timestamptz)
    and started_at < cast(cast($to as date) + 1 as timestamptz)
),

calling_window as (
  select cast($calling_start as time) as window_start, cast($calling_end as time) as window_end
),

outside as (
  select
    outbound_calls.*,
    case when local_time < window_start then window_start else window_end end as nearest_edge,
    abs(epoch(local_time) - epoch(case when local_time < window_start then window_start else window_end end)) / 60 as minutes_outside,
    window_start,
    window_end
  from outbound_calls
  cross join calling_window
  where local_time < window_start or local_time > window_end
),

final as (
  select
    anomaly_id('outside_hours', 'call', call_id, day, 'local_start_time') as anomaly_id,
    'outside_hours' as rule,
    case when minutes_outside >= 60 then 'high' else 'medium' end as severity,
    'call' as entity_type,
    call_id as entity_id,
    day,
    'local_start_time' as metric,
    epoch(local_time) / 3600 as value,
    epoch(nearest_edge) / 3600 as baseline,
    minutes_outside as score,
    json_object('agent', agent_id, 'call', call_id, 'time', strftime(day + local_time, '%H:%M'), 'day', day,
      'start', strftime(day + window_start, '%H:%M'), 'end', strftime(day + window_end, '%H:%M')) as explanation_args,
    [call_id] as evidence
  from outside
)

select * from final
