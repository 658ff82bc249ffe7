-- center_trend: the centre's daily measures over the 28 days ending on the report day,
-- for the trend charts.
-- grain: one row per day. from: center_daily.
with center as (
  select * from center_daily
  where day between $trend_start and $day
),

final as (
  select
    day,
    calls,
    answered,
    answered_outbound,
    sales,
    conversion_rate,
    conversion_lo,
    conversion_hi,
    service_level,
    abandon_rate,
    asa_s,
    aht_s,
    csat_mean,
    audit_score
  from center
)

select * from final
order by day
