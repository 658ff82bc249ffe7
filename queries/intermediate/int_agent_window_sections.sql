-- int_agent_window_sections: each agent's mean audit section scores over the window, for the
-- weak-section reasons of the trainer ranking.
-- grain: one row per window end day, agent and audit section audited in the window.
-- from: int_agent_window_stats (window end days and their start), audit_section_scores.
-- unique: day, agent_id, section
-- not null: day, agent_id, section, score, audits

with window_ends as (
  select distinct day, window_start from int_agent_window_stats
),

sections as (
  select * from audit_section_scores
),

final as (
  select
    window_ends.day,
    sections.agent_id,
    sections.section,
    avg(sections.score) as score,
    count(*) as audits
  from window_ends
  join sections
    on sections.day between window_ends.window_start and window_ends.day
  group by window_ends.day, sections.agent_id, sections.section
)

select * from final
