-- headline_kpis: the centre's headline measures on the report day, each with what it is
-- compared with: the day before, the same weekday a week before, and the mean of the same
-- weekday over the four weeks before (days 7, 14, 21 and 28 before; days without a value
-- are left out of the mean). For the noise band the tiles draw (src/reports/noise-band.ts):
-- n, the report day's denominator of a rate (conversion: answered outbound calls; service
-- level and abandon rate: answered inbound + abandoned), and spread, the standard deviation
-- of the measure's daily values over the 28 days before the report day.
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
    asa_s::double as asa_s,
    aht_s::double as aht_s,
    talk_ratio::double as talk_ratio,
    csat_mean::double as csat_mean,
    audit_score::double as audit_score,
    complaints_opened::double as complaints_opened
  from center
),

daily_values as (
  select day, datediff('day', day, $day) as days_before, measure, value
  from center_values
  unpivot include nulls (
    value for measure in (
      calls, answered, sales, conversion_rate, revenue, service_level, abandon_rate,
      asa_s, aht_s, talk_ratio, csat_mean, audit_score, complaints_opened
    )
  )
),

denominators as (
  select
    unnest(['conversion_rate', 'service_level', 'abandon_rate']) as measure,
    unnest([answered_outbound, answered_inbound + abandoned, answered_inbound + abandoned])::double as n
  from center
  where day = $day
),

compared as (
  select
    measure,
    any_value(value) filter (where days_before = 0) as value,
    any_value(value) filter (where days_before = 1) as prev_value,
    any_value(value) filter (where days_before = 7) as week_value,
    avg(value) filter (where days_before in (7, 14, 21, 28)) as avg_4w,
    count(value) filter (where days_before in (7, 14, 21, 28))::int as weeks_4w,
    stddev_samp(value) filter (where days_before between 1 and 28) as spread
  from daily_values
  group by measure
),

final as (
  select
    compared.measure,
    value,
    prev_value,
    value - prev_value as change_prev,
    week_value,
    value - week_value as change_week,
    avg_4w,
    weeks_4w,
    value - avg_4w as change_4w,
    denominators.n,
    spread
  from compared
  left join denominators using (measure)
)

select * from final
order by measure
