-- queue_day: each inbound queue's service measures on the report day.
-- grain: one row per queue. from: queue_daily.
with queues as (
  select * from queue_daily
  where day = $day
),

final as (
  select
    queue,
    inbound_calls,
    answered_inbound,
    abandoned,
    service_level,
    abandon_rate,
    asa_s,
    fcr_rate
  from queues
)

select * from final
order by queue
