-- conversion_by_hour: outbound conversion by local weekday and hour over the 28 days ending on
-- the report day: sales ÷ connected outbound calls of the hour rows of funnel_daily, pooled
-- over the days of each weekday (macro conversion_rate; null when none connected).
-- grain: one row per (weekday, hour) with outbound calls. from: funnel_daily.
with hours as (
  select * from funnel_daily
  where breakdown = 'hour'
    and day between $trend_start and $day
),

cells as (
  select
    isodow(day) as weekday,
    hour,
    sum(answered_outbound) as answered_outbound,
    sum(sales) as sales
  from hours
  group by all
),

final as (
  select
    weekday,
    hour,
    answered_outbound,
    sales,
    conversion_rate(sales, answered_outbound) as conversion_rate
  from cells
)

select * from final
order by weekday, hour
