-- agg_complaint_daily: complaint measures by the local day complaints were opened
-- (docs/metrics.md#by-the-day-opened-center_daily): the cohort opened that day and how it
-- has fared by the latest data.
-- grain: one row per opened day in [marts_from, marts_to] with at least one complaint.
-- from: complaint_facts.
-- unique: day
-- not null: day, complaints_opened

with complaints as (
  select * from complaint_facts
  where day between getvariable('marts_from') and getvariable('marts_to')
),

final as (
  select
    day,
    count(*) as complaints_opened,
    safe_ratio(count(*) filter (where resolved), count(*)) as resolution_rate,
    safe_ratio(count(*) filter (where within_sla), count(*)) as sla_rate,
    safe_ratio(count(*) filter (where closed_loop), count(*) filter (where resolved)) as closed_loop_rate,
    safe_ratio(count(*) filter (where reopened), count(*)) as reopen_rate,
    safe_ratio(count(*) filter (where escalated), count(*)) as escalation_rate,
    median(resolve_h) as median_resolve_h,
    quantile_cont(resolve_h, 0.9) as p90_resolve_h
  from complaints
  group by day
)

select * from final
