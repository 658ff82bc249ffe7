-- agent_daily: the agent-attributable daily measures (docs/metrics.md#daily-measures) for each agent (volumes,
-- handling, outbound funnel and conversion with its Wilson interval, talk ratio, surveys,
-- audits, complaints). Queue measures (service level, abandons, FCR) belong to queues.
-- grain: one row per agent and local day with any activity.
-- from: agg_daily_measures (grain 'agent'); team is the agent's current team.
-- unique: agent_id, day
-- not null: agent_id, day, calls, answered, sales, surveys, audits, complaints, revenue

with measures as (
  select * from agg_daily_measures
  where grain = 'agent'
    and agent_id is not null
),

final as (
  select * exclude (
    grain, queue, inbound_calls, abandoned, short_abandons, service_level, asa_s,
    abandon_rate, fcr_calls, fcr_rate
  )
  from measures
)

select * from final
