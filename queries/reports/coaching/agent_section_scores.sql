-- agent_section_scores: each agent's mean audit section score over the trainers' window
-- ending on the report day (the agent x section heat map), with the audits behind it: the
-- same window and mean as the weak_sections of agent_window. Agents are ordered by their
-- composite rank so the heat map reads top to bottom like the ranking table.
-- grain: one row per (agent, section) audited in the window.
-- from: window_section_scores (macros/report_macros.sql: audit_section_scores over the
--   windows of agent_window), agents.
with sections as (
  select * from window_section_scores($day)
),

agents as (
  select agent_id, name from agents
),

cells as (
  select
    agent_id,
    composite_rank,
    section,
    avg(score) as score,
    count(*) as audits
  from sections
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
