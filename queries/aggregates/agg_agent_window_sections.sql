-- agg_agent_window_sections: each agent's audit section scores over the window, the one
-- place that joins the section scores to the trainers' window: their mean (window_score),
-- count, sum and sum of squares (for the shrinkage of the coaching page's sections credibly
-- below target), beside the centre's mean for that section over the same window, for the
-- weak-section reasons of the trainer ranking. Every agent with audits in the window, ranked
-- or not: the readers keep the ranked ones.
-- grain: one row per window end day, agent and audit section audited in the window.
-- from: agg_agent_window_stats (window end days and their start), audit_section_scores.
-- unique: day, agent_id, section
-- not null: day, window_start, agent_id, section, window_score, audits, score_sum, score_sumsq, centre_score

with window_ends as (
  select distinct day, window_start from agg_agent_window_stats
),

sections as (
  select * from audit_section_scores
),

windowed as (
  select
    window_ends.day,
    window_ends.window_start,
    sections.agent_id,
    sections.section,
    sections.score
  from window_ends
  join sections
    on sections.day between window_ends.window_start and window_ends.day
),

final as (
  select
    day,
    any_value(window_start) as window_start,
    agent_id,
    section,
    avg(exact(score)) as window_score,
    count(*) as audits,
    sum(exact(score))::double as score_sum,
    sum(exact(score * score))::double as score_sumsq,
    any_value(centre_score) as centre_score
  from (
    select
      *,
      avg(exact(score)) over (partition by day, section) as centre_score
    from windowed
  )
  group by day, agent_id, section
)

select * from final
