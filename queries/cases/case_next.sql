-- case_next: every case as it stands after this rebuild, stored or new. Cases with an
-- island take its days, counts and peak; merged cases and cases whose findings were all
-- withdrawn keep the days they had (no finding counts on them any more).
-- state, judged as of the latest day detected ($as_of):
--   merged    joined to an older case (merged_into);
--   cleared   no finding for $case_gap_days days up to $as_of (the rule stopped firing), or
--             its findings were withdrawn by a re-detection;
--   reopened  a later episode of the case started on $as_of;
--   new       first seen on $as_of;
--   ongoing   otherwise: still firing.
-- A new recognition case is raised with the verdict reward, due $reward_due_days days after
-- its first day. Review columns of stored cases are not here: a rebuild never changes them.
-- Grain: one row per case. From: case_matches, case_islands, case_days, anomaly_cases.
with matches as (
  select * from case_matches
),

islands as (
  select * from case_islands
),

stored as (
  select * from anomaly_cases
),

snoozed as (
  select
    snoozed_by as case_id,
    sum(findings) as snoozed_findings,
    max(day) as last_snoozed
  from case_days
  where snoozed_by is not null
  group by snoozed_by
),

from_islands as (
  select
    matches.case_id,
    matches.is_new,
    true as has_findings,
    cast(null as integer) as merged_into,
    islands.rule,
    islands.entity_type,
    islands.entity_id,
    islands.first_seen,
    islands.last_seen,
    islands.days_active,
    islands.episodes,
    islands.last_episode_start,
    islands.findings,
    islands.peak_severity_rank,
    islands.peak_score
  from matches
  join islands using (island_key)
),

kept as (
  select
    matches.case_id,
    false as is_new,
    false as has_findings,
    matches.merged_into,
    stored.rule,
    stored.entity_type,
    stored.entity_id,
    stored.first_seen,
    stored.last_seen,
    stored.days_active,
    stored.episodes,
    cast(null as date) as last_episode_start,
    0 as findings,
    stored.peak_severity_rank,
    stored.peak_score
  from matches
  join stored using (case_id)
  where matches.island_key is null
),

cases as (
  select * from from_islands
  union all by name
  select * from kept
),

final as (
  select
    cases.case_id,
    cases.is_new,
    cases.rule,
    cases.entity_type,
    cases.entity_id,
    cases.first_seen,
    cases.last_seen,
    cases.days_active,
    cases.episodes,
    cases.findings,
    case
      when cases.merged_into is not null then 'merged'
      when not cases.has_findings then 'cleared'
      when cast($as_of as date) >= cases.last_seen + $case_gap_days then 'cleared'
      when cases.episodes > 1 and cases.last_episode_start = cast($as_of as date) then 'reopened'
      when cases.first_seen = cast($as_of as date) then 'new'
      else 'ongoing'
    end as state,
    cast($as_of as date) as as_of,
    case cases.peak_severity_rank when 3 then 'high' when 2 then 'medium' when 1 then 'low' end as peak_severity,
    cases.peak_severity_rank,
    cases.peak_score,
    cases.merged_into,
    coalesce(snoozed.snoozed_findings, 0) as snoozed_findings,
    snoozed.last_snoozed,
    case when cases.is_new and cases.rule = 'recognition' then 'reward' end as verdict,
    case when cases.is_new and cases.rule = 'recognition' then cases.first_seen + $reward_due_days end as due
  from cases
  left join snoozed using (case_id)
)

select * from final
