-- funnel_by_lead_grade: the outbound funnel of the 28 days ending on the report day, per
-- lead grade: dialled → connected → interested → sale, summed over the lead-grade rows of
-- funnel_daily, each stage also as a share of the grade's dialled calls. Each row carries
-- its grade's conversion (sales ÷ connected, macro conversion_rate) and connected calls,
-- so the tooltip shows how much the rate rests on. Calls without a lead grade are grade
-- 'none'.
-- grain: one row per (lead grade, stage). from: funnel_daily.
with grade_days as (
  select * from funnel_daily
  where breakdown = 'lead_grade'
    and day between $trend_start and $day
),

grades as (
  select
    coalesce(lead_grade::varchar, 'none') as lead_grade,
    sum(dialled) as dialled,
    sum(answered_outbound) as connected,
    sum(interested) as interested,
    sum(sales) as sale
  from grade_days
  group by all
),

stage_rows as (
  unpivot grades
  on dialled, connected, interested, sale
  into name stage value calls
),

final as (
  select
    stage_rows.lead_grade,
    stage_rows.stage,
    list_position(['dialled', 'connected', 'interested', 'sale'], stage_rows.stage) as stage_order,
    stage_rows.calls,
    safe_ratio(stage_rows.calls, grades.dialled) as share_of_dialled,
    grades.connected as conversion_n,
    conversion_rate(grades.sale, grades.connected) as conversion_rate
  from stage_rows
  join grades using (lead_grade)
)

select * from final
order by lead_grade, stage_order
