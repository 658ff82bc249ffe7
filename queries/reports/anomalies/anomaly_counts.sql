-- anomaly_counts: how many anomalies each rule found on each of the report day and the 6 days
-- before it; every day of the week is present (0 where a rule found nothing), so quiet days
-- show on the chart's axis too.
-- grain: one row per (day, rule) for the 7 days and the rules that found anything in them.
-- from: anomalies.
with found as (
  select * from anomalies
  where day between $week_start and $day
),

days as (
  select unnest(generate_series($week_start, $day, interval 1 day))::date as day
),

rules as (
  select distinct rule from found
),

counts as (
  select day, rule, count(*) as anomalies
  from found
  group by all
),

final as (
  select
    days.day,
    rules.rule,
    coalesce(counts.anomalies, 0) as anomalies
  from days
  cross join rules
  left join counts using (day, rule)
)

select * from final
order by day, rule
