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
  select
    agent_id,
    team,
    day,
    calls,
    answered,
    answered_inbound,
    dialled,
    answered_outbound,
    interested,
    sales,
    talk_calls,
    surveys,
    audits,
    complaints,
    aht_s,
    agent_hangups,
    agent_hangup_rate,
    transfer_rate,
    contact_rate,
    conversion_rate,
    conversion_lo,
    conversion_hi,
    calls_per_sale,
    revenue,
    talk_ratio,
    response_rate,
    csat_mean,
    csat_top2,
    nps,
    audit_score
  from measures
)

select * from final
