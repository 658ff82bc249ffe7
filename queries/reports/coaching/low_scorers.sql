-- low_scorers: the agents on the low-scoring list of the window ending on the report day,
-- with the reasons, the weak audit sections and the evidence size (the n behind each metric).
-- grain: one row per low-scoring agent. from: agent_window, agents.
with ranking as (
  select * from agent_window
  where day = $day
    and low_scoring
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
    ranking.reasons,
    ranking.weak_sections,
    ranking.conversion_n,
    ranking.csat_mean_n,
    ranking.audit_score_n,
    ranking.complaints_per_1000_n
  from ranking
  left join agents using (agent_id)
)

select * from final
order by composite_rank nulls last, agent_id
