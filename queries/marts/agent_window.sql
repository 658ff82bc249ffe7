-- agent_window: the trainer ranking (docs/metrics.md#trainer-ranking) over the window_days local days ending on each
-- report day. Per agent: conversion, CSAT, audit score, talk-ratio distance from
-- talk_ratio_band and complaints per 1000 answered calls, each raw, shrunk toward the team
-- (empirical Bayes, macros/shrinkage_macros.sql) and with its evidence n. Ranks and the
-- composite use the shrunk values, so a handful of lucky or unlucky calls cannot top or
-- tail the list.
--   *_rank: 1 = best among the centre's agents with that metric (ties share a rank).
--   composite_score: mean over the agent's metrics of 1 − percent_rank (1 = best).
--   low_scoring: composite in the bottom quarter of the centre's agents.
--   reasons (low scorers only): the metrics in the bottom quarter of the centre, or (CSAT,
--     audit score) shrunk below target (targets.csat_mean, targets.audit_score).
--   weak_sections: audit sections whose window mean is below targets.audit_score and below
--     the centre's mean for the section (weaker than target and than peers), worst first.
-- grain: one row per window end day (day) and agent with any activity in the window.
-- from: agg_agent_window_stats, agg_window_priors, agg_agent_window_sections;
--   parameters talk_band_lo, talk_band_hi, target_csat_mean, target_audit_score.
-- unique: day, agent_id
-- not null: day, window_start, agent_id, conversion_n, csat_mean_n, audit_score_n, talk_n, complaints_per_1000_n, low_scoring

with stats as (
  select * from agg_agent_window_stats
),

priors as (
  select * from agg_window_priors
),

sections as (
  select * from agg_agent_window_sections
),

shrunk as (
  select
    stats.day,
    stats.window_start,
    stats.agent_id,
    stats.team,
    conversion_rate(stats.sales, stats.conversion_n) as conversion_raw,
    eb_shrink_rate(stats.sales, stats.conversion_n, priors.conversion_prior) as conversion_shrunk,
    stats.conversion_n,
    wilson_lo(stats.sales, stats.conversion_n) as conversion_lo,
    wilson_hi(stats.sales, stats.conversion_n) as conversion_hi,
    safe_ratio(stats.csat_sum, stats.csat_n) as csat_mean_raw,
    eb_shrink_mean(safe_ratio(stats.csat_sum, stats.csat_n), stats.csat_n, priors.csat_mean_prior) as csat_mean_shrunk,
    stats.csat_n as csat_mean_n,
    safe_ratio(stats.audit_sum, stats.audit_n) as audit_score_raw,
    eb_shrink_mean(safe_ratio(stats.audit_sum, stats.audit_n), stats.audit_n, priors.audit_score_prior) as audit_score_shrunk,
    stats.audit_n as audit_score_n,
    talk_ratio(stats.agent_talk_ms, stats.customer_talk_ms) as talk_ratio_raw,
    eb_shrink_mean(talk_ratio(stats.agent_talk_ms, stats.customer_talk_ms), stats.talk_n, priors.talk_ratio_prior)
      as talk_ratio_shrunk,
    stats.talk_n,
    1000 * safe_ratio(stats.complaints, stats.answered) as complaints_per_1000_raw,
    1000 * eb_shrink_rate(stats.complaints, stats.answered, priors.complaints_prior) as complaints_per_1000_shrunk,
    stats.answered as complaints_per_1000_n
  from stats
  join priors
    on priors.day = stats.day
    and priors.team is not distinct from stats.team
),

distanced as (
  select
    *,
    band_distance(talk_ratio_raw, getvariable('talk_band_lo'), getvariable('talk_band_hi')) as talk_distance_raw,
    band_distance(talk_ratio_shrunk, getvariable('talk_band_lo'), getvariable('talk_band_hi')) as talk_distance_shrunk
  from shrunk
),

-- Percentile scores (1 = best, 0 = worst) and ranks among the agents that have the metric.
scored as (
  select
    *,
    case when conversion_shrunk is not null then 1 - percent_rank() over (
      partition by day, conversion_shrunk is null order by conversion_shrunk desc) end as conversion_score,
    case when csat_mean_shrunk is not null then 1 - percent_rank() over (
      partition by day, csat_mean_shrunk is null order by csat_mean_shrunk desc) end as csat_score,
    case when audit_score_shrunk is not null then 1 - percent_rank() over (
      partition by day, audit_score_shrunk is null order by audit_score_shrunk desc) end as audit_score_score,
    case when talk_distance_shrunk is not null then 1 - percent_rank() over (
      partition by day, talk_distance_shrunk is null order by talk_distance_shrunk) end as talk_score,
    case when complaints_per_1000_shrunk is not null then 1 - percent_rank() over (
      partition by day, complaints_per_1000_shrunk is null order by complaints_per_1000_shrunk) end as complaint_score,
    case when conversion_shrunk is not null then rank() over (
      partition by day, conversion_shrunk is null order by conversion_shrunk desc) end as conversion_rank,
    case when csat_mean_shrunk is not null then rank() over (
      partition by day, csat_mean_shrunk is null order by csat_mean_shrunk desc) end as csat_rank,
    case when audit_score_shrunk is not null then rank() over (
      partition by day, audit_score_shrunk is null order by audit_score_shrunk desc) end as audit_rank,
    case when talk_distance_shrunk is not null then rank() over (
      partition by day, talk_distance_shrunk is null order by talk_distance_shrunk) end as talk_rank,
    case when complaints_per_1000_shrunk is not null then rank() over (
      partition by day, complaints_per_1000_shrunk is null order by complaints_per_1000_shrunk) end as complaint_rank
  from distanced
),

composed as (
  select
    *,
    list_avg(list_filter(
      [conversion_score, csat_score, audit_score_score, talk_score, complaint_score],
      score -> score is not null
    )) as composite_score
  from scored
),

ranked as (
  select
    *,
    case when composite_score is not null then rank() over (
      partition by day, composite_score is null order by composite_score desc) end as composite_rank,
    case when composite_score is not null then percent_rank() over (
      partition by day, composite_score is null order by composite_score) end as composite_percentile
  from composed
),

weak_metrics as (
  select
    *,
    list_filter([
      case when conversion_score <= 0.25 then 'conversion' end,
      case when csat_score <= 0.25 or csat_mean_shrunk < getvariable('target_csat_mean') then 'csat_mean' end,
      case when audit_score_score <= 0.25 or audit_score_shrunk < getvariable('target_audit_score') then 'audit_score' end,
      case when talk_score <= 0.25 and talk_distance_shrunk > 0 then 'talk_distance' end,
      case when complaint_score <= 0.25 then 'complaints_per_1000' end
    ], metric -> metric is not null) as weak
  from ranked
),

weak_sections as (
  select
    day,
    agent_id,
    list(section order by window_score, section) as weak_sections
  from sections
  where window_score < getvariable('target_audit_score')
    and window_score < centre_score
  group by day, agent_id
),

flagged as (
  select
    *,
    coalesce(composite_percentile <= 0.25, false) as low_scoring
  from weak_metrics
),

final as (
  select
    flagged.day,
    flagged.window_start,
    flagged.agent_id,
    flagged.team,
    flagged.conversion_raw,
    flagged.conversion_shrunk,
    flagged.conversion_n,
    flagged.conversion_lo,
    flagged.conversion_hi,
    flagged.csat_mean_raw,
    flagged.csat_mean_shrunk,
    flagged.csat_mean_n,
    flagged.audit_score_raw,
    flagged.audit_score_shrunk,
    flagged.audit_score_n,
    flagged.talk_ratio_raw,
    flagged.talk_ratio_shrunk,
    flagged.talk_distance_raw,
    flagged.talk_distance_shrunk,
    flagged.talk_n,
    flagged.complaints_per_1000_raw,
    flagged.complaints_per_1000_shrunk,
    flagged.complaints_per_1000_n,
    flagged.conversion_rank,
    flagged.csat_rank,
    flagged.audit_rank,
    flagged.talk_rank,
    flagged.complaint_rank,
    flagged.composite_score,
    flagged.composite_rank,
    flagged.low_scoring,
    case when flagged.low_scoring then flagged.weak end as reasons,
    coalesce(weak_sections.weak_sections, []) as weak_sections
  from flagged
  left join weak_sections using (day, agent_id)
)

select * from final
