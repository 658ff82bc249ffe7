-- anomaly_counts: how many anomalies each rule found on each of the report day and the 6 days
-- before it.
-- grain: one row per (day, rule) with at least one anomaly. from: anomalies.
with found as (
  select * from anomalies
  where day between $week_start and $day
),

final as (
  select
    day,
    rule,
    count(*) as anomalies
  from found
  group by all
)

select * from final
order by day, rule
