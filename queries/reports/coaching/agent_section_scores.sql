-- agent_section_scores: each ranked agent's mean audit section score over the trainers' window
-- ending on the report day (the agent x section heat map), with the audits behind it, as
-- agent_window_sections holds them (the window and mean of agent_window's weak_sections).
-- Agents are ordered by their composite rank so the heat map reads top to bottom like the
-- ranking table.
-- grain: one row per (ranked agent, section) audited in the window.
-- from: agent_window_sections, agent_window, agents.
with ranking as (
  select agent_id, composite_rank from agent_window
  where day = $day
),

sections as (
  select * from agent_window_sections
  where day = $day
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    sections.agent_id,
    agent_label(agents.name, sections.agent_id) as agent,
    ranking.composite_rank,
    sections.section,
    sections.window_score as score,
    sections.audits
  from sections
  join ranking using (agent_id)
  left join agents using (agent_id)
)

select * from final
order by composite_rank nulls last, agent_id, section
