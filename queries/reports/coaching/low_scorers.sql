-- low_scorers: the agents on the low-scoring list of the window ending on the report day, the
-- one most in need of coaching first (lowest composite first), each with its rank among the
-- ranked agents, the weak measures, the audit sections credibly below the audit target and,
-- in those sections, the items the agent missed most often in the audit form's own words,
-- and the audits behind them (the other measures' n are in the ranking).
--   Credibly below target: even the upper end of the 90% interval of the section's shrunk
--   score is below $audit_target. The section score is shrunk toward the team's mean for that
--   section (the centre's when the team's prior is not usable, as agg_window_priors does),
--   with the priors of macros/shrinkage_macros.sql over the window's audits of the ranked
--   agents; a section without a usable prior is never listed, since nothing can be said.
--   Items: the three items of those sections missed (fewer points than the maximum) most
--   often, "text (missed/answered)" joined by "; " (item texts hold commas), counting the
--   answers where the item applied; among items missed as often, the one that cost the most
--   weighted points first (Σ weight × share of the item's points missed: what pulled the
--   section score down most), then by text.
--   The window's section figures (n, sum, sum of squares) and bounds come from
--   agent_window_sections; the items, from the audits of those sections in those bounds.
-- grain: one row per low-scoring agent.
-- from: agent_window, agent_window_sections, audit_section_scores, stg_audits,
--   stg_audit_items, agents.
with ranking as (
  select
    *,
    count(composite_rank) over () as ranked_agents
  from agent_window
  where day = $day
),

section_scores as (
  -- The ranked agents' sections: the priors are theirs alone.
  select
    sections.day,
    sections.window_start,
    sections.agent_id,
    ranking.team,
    sections.section,
    sections.audits,
    sections.score_sum,
    sections.score_sumsq
  from agent_window_sections as sections
  join ranking using (agent_id)
  where sections.day = $day
),

group_priors as (
  select
    section,
    team,
    grouping(team) = 1 as is_centre,
    eb_mean_prior(score_sum, score_sumsq, audits) as prior,
    eb_mean_mu_var(score_sum, score_sumsq, audits) as mu_var
  from section_scores
  group by grouping sets ((section, team), (section))
),

section_priors as (
  select
    team_priors.section,
    team_priors.team,
    case when team_priors.prior.ok then team_priors.prior else centre_priors.prior end as prior,
    case when team_priors.prior.ok then team_priors.mu_var else centre_priors.mu_var end as mu_var
  from group_priors as team_priors
  join group_priors as centre_priors
    on centre_priors.section = team_priors.section
   and centre_priors.is_centre
  where not team_priors.is_centre
),

section_estimates as (
  select
    section_scores.day,
    section_scores.window_start,
    section_scores.agent_id,
    section_scores.section,
    eb_shrink_mean(section_scores.score_sum / section_scores.audits, section_scores.audits, section_priors.prior)
      as shrunk,
    shrunk + 1.645 * eb_shrink_mean_sd(section_scores.audits, section_priors.prior, section_priors.mu_var) as upper
  from section_scores
  join section_priors
    on section_priors.section = section_scores.section
   and section_priors.team is not distinct from section_scores.team
),

-- Another rule than agent_window's weak_sections (raw mean below the target and the centre):
-- docs/metrics.md#window-audit-sections.
credibly_below as (
  select * from section_estimates
  where upper < $audit_target
),

item_answers as (
  select
    credibly_below.agent_id,
    audit_items.item_id,
    coalesce(nullif(trim(audit_items.text), ''), audit_items.item_id) as item,
    count(*) as answered,
    count(*) filter (where audits.points < audit_items.max_points) as missed,
    -- Rounded: equal costs summed in another order differ in the last bits, and would pick
    -- the item shown among equals at random.
    round(sum(audit_items.weight * (1 - audits.points / audit_items.max_points)), 9) as points_lost
  from stg_audits as audits
  join stg_audit_items as audit_items using (form_id, item_id)
  join audit_section_scores as sections
    on sections.audit_id = audits.audit_id
   and sections.section = audit_items.section
  join credibly_below
    on credibly_below.agent_id = sections.agent_id
   and credibly_below.section = sections.section
   and sections.day between credibly_below.window_start and credibly_below.day
  where audits.points is not null
  group by all
),

agent_sections as (
  select
    agent_id,
    list(section order by shrunk, section) as sections_below_target
  from credibly_below
  group by agent_id
),

agent_items as (
  select
    agent_id,
    string_agg(item || ' (' || missed || '/' || answered || ')', '; ' order by missed desc, points_lost desc, item)
      as missed_items
  from (
    select * from item_answers
    where missed > 0
    qualify row_number() over (
      partition by agent_id order by missed desc, points_lost desc, item
    ) <= 3
  )
  group by agent_id
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    ranking.composite_rank,
    'of' as rank_text,
    json_object('rank', ranking.composite_rank, 'n', ranking.ranked_agents) as rank_vars,
    ranking.agent_id,
    agent_label(agents.name, ranking.agent_id) as agent,
    ranking.team,
    ranking.reasons,
    agent_sections.sections_below_target,
    agent_items.missed_items,
    ranking.audit_score_n
  from ranking
  left join agent_sections using (agent_id)
  left join agent_items using (agent_id)
  left join agents using (agent_id)
  where ranking.low_scoring
)

select * from final
order by composite_rank desc nulls last, agent_id
