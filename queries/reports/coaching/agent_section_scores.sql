-- agent_section_scores: each agent's mean audit section score over the trainers' window
-- ending on the report day (the agent x section heat map), with the audits behind it: the
-- same window and mean as the weak_sections of agent_window. Agents are ordered by their
-- composite rank so the heat map reads top to bottom like the ranking table.
-- grain: one row per (agent, section) audited in the window.
-- from: audit_section_scores, agent_window, agents.
with ranking as (
  select agent_id, window_start, day, composite_rank from agent_window
  where day = $day
),

sections as (
  select * from audit_section_scores
),

agents as (
  select agent_id, name from agents
),

cells as (
  select
    sections.agent_id,
    ranking.composite_rank,
    sections.section,
    avg(sections.score) as score,
    count(*) as audits
  from sections
  join ranking
    on ranking.agent_id = sections.agent_id
   and sections.day between ranking.window_start and ranking.day
  group by all
),

final as (
  select
    cells.agent_id,
    agent_label(agents.name, cells.agent_id) as agent,
    cells.composite_rank,
    cells.section,
    cells.score,
    cells.audits
  from cells
  left join agents using (agent_id)
)

select * from final
order by composite_rank nulls last, agent_id, section
