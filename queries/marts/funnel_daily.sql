-- funnel_daily: the outbound funnel (docs/metrics.md#outbound-funnel), dialled → connected → interested (interested,
-- callback or sale) → sale, each day broken down two ways: by lead grade and by local hour
-- of the dial. breakdown says which: 'lead_grade' rows have lead_grade set (null = calls
-- without a grade) and hour null; 'hour' rows have hour set and lead_grade null.
-- grain: one row per local day, breakdown and lead grade or hour with outbound calls.
-- from: call_facts (outbound calls).
-- unique: day, breakdown, lead_grade, hour
-- not null: day, breakdown, dialled, answered_outbound, interested, sales

with calls as (
  select * from call_facts
  where direction = 'outbound'
    and day between getvariable('marts_from') and getvariable('marts_to')
),

counted as (
  select
    day,
    case when grouping(lead_grade) = 0 then 'lead_grade' else 'hour' end as breakdown,
    lead_grade,
    hour,
    count(*) as dialled,
    count(*) filter (where answered) as answered_outbound,
    count(*) filter (where interested) as interested,
    count(*) filter (where sale) as sales
  from calls
  group by grouping sets ((day, lead_grade), (day, hour))
),

final as (
  select
    day,
    breakdown,
    lead_grade,
    hour,
    dialled,
    answered_outbound,
    interested,
    sales,
    safe_ratio(answered_outbound, dialled) as contact_rate,
    safe_ratio(interested, answered_outbound) as interest_rate,
    safe_ratio(sales, answered_outbound) as conversion_rate,
    wilson_lo(sales, answered_outbound) as conversion_lo,
    wilson_hi(sales, answered_outbound) as conversion_hi
  from counted
)

select * from final
