-- agg_window_priors: the empirical-Bayes priors of the trainer ranking (see
-- macros/shrinkage_macros.sql) for each team and window end day, one struct per metric.
-- A team whose own prior is not usable (fewer than two agents with data) gets the
-- centre-wide prior of that day. The talk-ratio prior centres on the team's time-weighted
-- ratio; its spread comes from per-call ratios. Each struct is named <measure>_prior.
-- grain: one row per window end day and team (team null: agents without a team).
-- from: agg_agent_window_stats.
-- unique: day, team
-- not null: day

with stats as (
  select * from agg_agent_window_stats
),

group_priors as (
  select
    day,
    team,
    grouping(team) = 1 as is_centre,
    eb_rate_prior(sales, conversion_n) as conversion_prior,
    eb_rate_prior(complaints, answered) as complaints_prior,
    eb_mean_prior(csat_sum, csat_sumsq, csat_n) as csat_mean_prior,
    eb_mean_prior(audit_sum, audit_sumsq, audit_n) as audit_score_prior,
    struct_pack(
      mu := talk_ratio(sum(agent_talk_ms), sum(customer_talk_ms)),
      sigma2 := eb_mean_prior(talk_sum, talk_sumsq, talk_n).sigma2,
      tau2 := eb_mean_prior(talk_sum, talk_sumsq, talk_n).tau2,
      ok := eb_mean_prior(talk_sum, talk_sumsq, talk_n).ok
    ) as talk_ratio_prior
  from stats
  group by grouping sets ((day, team), (day))
),

team_priors as (
  select * from group_priors where not is_centre
),

centre_priors as (
  select * from group_priors where is_centre
),

final as (
  select
    team_priors.day,
    team_priors.team,
    case when team_priors.conversion_prior.ok then team_priors.conversion_prior else centre_priors.conversion_prior end
      as conversion_prior,
    case when team_priors.complaints_prior.ok then team_priors.complaints_prior else centre_priors.complaints_prior end
      as complaints_prior,
    case when team_priors.csat_mean_prior.ok then team_priors.csat_mean_prior else centre_priors.csat_mean_prior end
      as csat_mean_prior,
    case when team_priors.audit_score_prior.ok then team_priors.audit_score_prior else centre_priors.audit_score_prior end
      as audit_score_prior,
    case when team_priors.talk_ratio_prior.ok then team_priors.talk_ratio_prior else centre_priors.talk_ratio_prior end
      as talk_ratio_prior
  from team_priors
  join centre_priors using (day)
)

select * from final
