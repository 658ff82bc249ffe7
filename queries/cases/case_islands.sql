-- case_islands: the cases the findings form, before they are matched to stored ids. Within
-- a segment (case_days), days no more than the reopen gap apart are one case, and within a
-- case, days no more than $case_gap_days apart are one episode. The reopen gap is
-- $case_reopen_days, except for recognitions: each time an agent reaches the top is a
-- reward of its own, so there an episode is the whole case.
-- Snoozed days are left out: they raise nothing (case_next counts them on their dismissal).
-- Grain: one row per island; island_key numbers them in a fixed order.
-- From: case_days.
with raised_days as (
  select
    *,
    case when rule = 'recognition' then $case_gap_days else $case_reopen_days end as reopen_days
  from case_days
  where snoozed_by is null
),

gaps as (
  select
    *,
    day - lag(day) over (partition by rule, entity_type, entity_id, segment order by day) as days_since_previous
  from raised_days
),

starts as (
  select
    *,
    coalesce(days_since_previous > reopen_days, true) as starts_case,
    coalesce(days_since_previous > $case_gap_days, true) as starts_episode
  from gaps
),

numbered as (
  select
    *,
    sum(case when starts_case then 1 else 0 end) over (
      partition by rule, entity_type, entity_id, segment order by day
      rows between unbounded preceding and current row
    ) as island_no
  from starts
),

final as (
  select
    row_number() over (order by rule, entity_type, entity_id, segment, island_no) as island_key,
    rule,
    entity_type,
    entity_id,
    segment,
    any_value(reopen_days) as reopen_days,
    min(day) as first_seen,
    max(day) as last_seen,
    count(*) as days_active,
    count(*) filter (where starts_episode) as episodes,
    max(day) filter (where starts_episode) as last_episode_start,
    sum(findings) as findings,
    max(severity_rank) as peak_severity_rank,
    max(strength) as peak_score
  from numbered
  group by rule, entity_type, entity_id, segment, island_no
)

select * from final
