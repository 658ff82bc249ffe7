-- robocall_burst: machine-made calling, two patterns.
--  * number: one caller_id placing >= $min_calls inbound calls of at most $max_duration_s
--    seconds (start to end) within $window_minutes minutes.
--  * agent: an agent's outbound calls to >= $min_sequential_run consecutive customer
--    numbers (n, n+1, n+2 ... in any order) within $window_minutes minutes: auto-dialling
--    through a number block instead of a lead list.
-- Grain: one row per (caller_id, day) and per (agent, day), days in [$from, $to].
-- From: stg_calls. value: calls in the densest window (number) or the longest run (agent);
-- baseline: the threshold; score: value ÷ threshold.

with short_inbound as (
  select
    call_id,
    caller_id,
    started_at,
    day
  from stg_calls
  where direction = 'inbound'
    and nullif(trim(caller_id), '') is not null
    and epoch(ended_at - started_at) <= $max_duration_s
    and started_at >= cast(cast($from as date) as timestamptz)
    and started_at < cast(cast($to as date) + 1 as timestamptz)
),

window_counts as (
  select
    *,
    count(*) over (
      partition by caller_id order by started_at
      range between current row and to_minutes(cast($window_minutes as bigint)) following
    ) as calls_in_window
  from short_inbound
),

burst_starts as (
  select caller_id, day, started_at, calls_in_window
  from window_counts
  where calls_in_window >= $min_calls
),

number_bursts as (
  select
    burst_starts.caller_id,
    burst_starts.day,
    max(burst_starts.calls_in_window) as busiest_window,
    list(short_inbound.call_id) as call_ids,
    count(distinct short_inbound.call_id) as burst_calls
  from burst_starts
  join short_inbound
    on short_inbound.caller_id = burst_starts.caller_id
    and short_inbound.started_at between burst_starts.started_at and burst_starts.started_at + to_minutes(cast($window_minutes as bigint))
  group by burst_starts.caller_id, burst_starts.day
),

outbound_numbers as (
  select
    call_id,
    agent_id,
    started_at,
    day,
    try_cast(regexp_replace(customer_number, '[^0-9]', '', 'g') as hugeint) as number
  from stg_calls
  where direction = 'outbound'
    and agent_id is not null
    and customer_number is not null
    and started_at >= cast(cast($from as date) as timestamptz)
    and started_at < cast(cast($to as date) + 1 as timestamptz)
),

numbered as (
  -- Consecutive numbers share number − rank: the classic gaps-and-islands key.
  select
    *,
    number - dense_rank() over (partition by agent_id, day order by number) as island
  from outbound_numbers
  where number is not null
),

runs as (
  select
    agent_id,
    day,
    count(distinct number) as run_length,
    list(call_id) as call_ids
  from numbered
  group by agent_id, day, island
  having count(distinct number) >= $min_sequential_run
    and max(started_at) - min(started_at) <= to_minutes(cast($window_minutes as bigint))
),

agent_runs as (
  select
    agent_id,
    day,
    max(run_length) as longest_run,
    flatten(list(call_ids)) as call_ids,
    count(*) as run_count
  from runs
  group by agent_id, day
),

final as (
  select
    anomaly_id('robocall_burst', 'number', caller_id, day, 'short_calls_in_window') as anomaly_id,
    'robocall_burst' as rule,
    case when busiest_window >= 2 * $min_calls then 'high' else 'medium' end as severity,
    'number' as entity_type,
    caller_id as entity_id,
    day,
    'short_calls_in_window' as metric,
    busiest_window as value,
    $min_calls as baseline,
    busiest_window / $min_calls as score,
    json_object('variant', 'number', 'number', mask_number(caller_id), 'calls', busiest_window,
      'max_duration_s', $max_duration_s, 'window_minutes', $window_minutes, 'day', day, 'day_calls', burst_calls) as explanation_args,
    evidence_list(call_ids) as evidence
  from number_bursts

  union all

  select
    anomaly_id('robocall_burst', 'agent', agent_id, day, 'sequential_numbers_dialled'),
    'robocall_burst',
    case when longest_run >= 2 * $min_sequential_run then 'high' else 'medium' end,
    'agent',
    agent_id,
    day,
    'sequential_numbers_dialled',
    longest_run,
    $min_sequential_run,
    longest_run / $min_sequential_run,
    json_object('variant', 'agent', 'agent', agent_id, 'run', longest_run, 'window_minutes', $window_minutes, 'day', day,
      'runs', case when run_count > 1 then run_count end),
    evidence_list(call_ids)
  from agent_runs
)

select * from final
