-- funnel_daily: the outbound funnel (docs/metrics.md#outbound-funnel), dialled → connected → interested (interested,
-- callback or sale) → sale, each day broken down two ways: by lead grade and by local hour
-- of the dial. breakdown says which: 'lead_grade' rows have lead_grade set (null = calls
-- without a grade) and hour null; 'hour' rows have hour set and lead_grade null.
-- grain: one row per local day, breakdown and lead grade or hour with outbound calls.
-- from: agg_daily_measures (grains 'lead_grade' and 'hour').
-- unique: day, breakdown, lead_grade, hour
-- not null: day, breakdown, dialled, answered_outbound, interested, sales

with measures as (
  select * from agg_daily_measures
  where grain in ('lead_grade', 'hour')
    -- Those grains also count inbound calls, surveys, audits and complaints: keep the
    -- groups with outbound calls.
    and dialled > 0
),

final as (
  select
    day,
    grain as breakdown,
    lead_grade,
    hour,
    dialled,
    answered_outbound,
    interested,
    sales,
    contact_rate,
    interest_rate,
    conversion_rate,
    conversion_lo,
    conversion_hi
  from measures
)

select * from final
