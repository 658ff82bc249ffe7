-- queue_day: each inbound queue's service measures on the report day, each queue measure
-- beside its target (the queue's own from targets.queues, else the centre's) and whether the
-- day met it: service level at least its target; ASA, abandon rate and AHT at most theirs.
-- A status (met, missed) is null where the measure or its target is.
-- grain: one row per queue. from: queue_daily, $queue_targets (src/config/queue-targets.ts).
with queues as (
  select * from queue_daily
  where day = $day
),

target_rows as (
  select unnest(
    from_json(
      $queue_targets,
      '[{"queue": "VARCHAR", "service_level": "DOUBLE", "asa_s": "DOUBLE", "abandon_rate": "DOUBLE", "aht_s": "DOUBLE"}]'
    ),
    recursive := true
  )
),

centre_targets as (
  select * from target_rows where queue is null
),

own_targets as (
  select * from target_rows where queue is not null
),

queue_targets as (
  select
    queues.queue,
    coalesce(own.service_level, centre.service_level) as service_level_target,
    coalesce(own.asa_s, centre.asa_s) as asa_s_target,
    coalesce(own.abandon_rate, centre.abandon_rate) as abandon_rate_target,
    coalesce(own.aht_s, centre.aht_s) as aht_s_target
  from queues
  cross join centre_targets as centre
  left join own_targets as own on own.queue = queues.queue
),

judged as (
  select
    queues.queue,
    inbound_calls,
    answered_inbound,
    abandoned,
    service_level,
    service_level_target,
    service_level < service_level_target as service_level_missed,
    abandon_rate,
    abandon_rate_target,
    abandon_rate > abandon_rate_target as abandon_rate_missed,
    asa_s,
    asa_s_target,
    asa_s > asa_s_target as asa_s_missed,
    aht_s,
    aht_s_target,
    aht_s > aht_s_target as aht_s_missed,
    fcr_rate
  from queues
  inner join queue_targets using (queue)
),

-- The page shows a status as a word (kpi.met, kpi.missed) and marks a missed cell.
final as (
  select
    *,
    case when service_level_missed then 'missed' when not service_level_missed then 'met' end as service_level_status,
    case when abandon_rate_missed then 'missed' when not abandon_rate_missed then 'met' end as abandon_rate_status,
    case when asa_s_missed then 'missed' when not asa_s_missed then 'met' end as asa_s_status,
    case when aht_s_missed then 'missed' when not aht_s_missed then 'met' end as aht_s_status
  from judged
)

select * from final
order by queue
