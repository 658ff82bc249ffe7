-- agent_trends: each ranked agent's daily conversion, CSAT and audit score over the 28 days
-- ending on the report day (the per-agent small multiples), in ranking order.
-- grain: one row per (agent, day) with activity. from: agent_daily, agent_window, agents.
with days as (
  select * from agent_daily
  where day between $trend_start and $day
),

ranking as (
  select agent_id, composite_rank from agent_window
  where day = $day
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    days.agent_id,
    agent_label(agents.name, days.agent_id) as agent,
    ranking.composite_rank,
    days.day,
    days.answered_outbound,
    days.conversion_rate,
    days.csat_mean,
    days.audit_score
  from days
  join ranking using (agent_id)
  left join agents using (agent_id)
)

select * from final
order by composite_rank nulls last, agent_id, day
