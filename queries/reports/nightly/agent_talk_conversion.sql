-- agent_talk_conversion: each agent's talk ratio and conversion over the trainers' window
-- ending on the report day, with the evidence size, for the talk-vs-conversion scatter.
-- grain: one row per agent with connected outbound calls in the window. from: agent_window, agents.
with ranking as (
  select * from agent_window
  where day = $day
),

agents as (
  select * from agents
),

final as (
  select
    ranking.agent_id,
    agent_label(agents.name, ranking.agent_id) as agent,
    ranking.team,
    ranking.talk_ratio_raw,
    ranking.talk_n,
    ranking.conversion_raw,
    ranking.conversion_n
  from ranking
  left join agents using (agent_id)
  where ranking.conversion_n > 0
    and ranking.talk_ratio_raw is not null
)

select * from final
order by agent_id
