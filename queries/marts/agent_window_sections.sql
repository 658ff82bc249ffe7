-- agent_window_sections: each agent's audit section scores over the trainers' window ending
-- on each report day (docs/metrics.md#trainer-ranking), for the reports: the coaching page's
-- section heat map and its sections credibly below target read them here, so the window and
-- the section mean are those of agent_window's weak_sections.
-- grain: one row per window end day (day), agent and audit section audited in the window;
--   every agent with such audits, ranked or not (join agent_window for the ranked ones).
-- from: agg_agent_window_sections.
-- unique: day, agent_id, section
-- not null: day, window_start, agent_id, section, window_score, audits, score_sum, score_sumsq, centre_score

with sections as (
  select * from agg_agent_window_sections
),

final as (
  select
    day,
    window_start,
    agent_id,
    section,
    window_score,
    audits,
    score_sum,
    score_sumsq,
    centre_score
  from sections
)

select * from final
