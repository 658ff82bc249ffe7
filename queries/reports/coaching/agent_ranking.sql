-- agent_ranking: every agent of the trainers' window ending on the report day, ranked by the
-- shrunk composite, with raw value, shrunk estimate and evidence size of each metric.
-- grain: one row per agent. from: agent_window, agents.
with ranking as (
  select * from agent_window
  where day = $day
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    ranking.composite_rank,
    ranking.agent_id,
    agent_label(agents.name, ranking.agent_id) as agent,
    ranking.team,
    ranking.composite_score,
    ranking.conversion_raw,
    ranking.conversion_shrunk,
    ranking.conversion_n,
    ranking.csat_mean_raw,
    ranking.csat_mean_shrunk,
    ranking.csat_mean_n,
    ranking.audit_score_raw,
    ranking.audit_score_shrunk,
    ranking.audit_score_n,
    ranking.talk_ratio_raw,
    ranking.talk_ratio_shrunk,
    ranking.talk_n,
    ranking.complaints_per_1000_raw,
    ranking.complaints_per_1000_shrunk,
    ranking.complaints_per_1000_n
  from ranking
  left join agents using (agent_id)
)

select * from final
order by composite_rank nulls last, agent_id
