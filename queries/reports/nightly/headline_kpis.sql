-- headline_kpis: the centre's headline measures on the report day, with the change vs the
-- previous day and vs the 28-day average (the mean of the daily values of the 28 days
-- before the report day; days without a value are left out of the mean).
-- grain: one row per measure. from: center_daily.
with center as (
  select * from center_daily
  where day between $baseline_start and $day
),

center_values as (
  select
    day,
    calls::double as calls,
    answered::double as answered,
    sales::double as sales,
    conversion_rate::double as conversion_rate,
    revenue::double as revenue,
    service_level::double as service_level,
    abandon_rate::double as abandon_rate,
    aht_s::double as aht_s,
    talk_ratio::double as talk_ratio,
    csat_mean::double as csat_mean,
    audit_score::double as audit_score,
    complaints_opened::double as complaints_opened
  from center
),

daily_values as (
  select day, measure, value
  from center_values
  unpivot include nulls (
    value for measure in (
      calls, answered, sales, conversion_rate, revenue, service_level, abandon_rate,
      aht_s, talk_ratio, csat_mean, audit_score, complaints_opened
    )
  )
),

report_day as (
  select measure, value from daily_values where day = $day
),

previous_day as (
  select measure, value from daily_values where day = $prev_day
),

baseline as (
  select measure, avg(value) as avg_28d
  from daily_values
  where day between $baseline_start and $prev_day
  group by measure
),

measures as (
  select distinct measure from daily_values
),

final as (
  select
    measures.measure,
    report_day.value,
    previous_day.value as prev_value,
    report_day.value - previous_day.value as change_prev,
    baseline.avg_28d,
    report_day.value - baseline.avg_28d as change_avg
  from measures
  left join report_day using (measure)
  left join previous_day using (measure)
  left join baseline using (measure)
)

select * from final
order by measure
