-- agg_complaint_backlog: the complaints still open at the end of each day (local midnight),
-- in age bands by the time since they were opened: under 24 h, 24–72 h, 72 h–7 days,
-- 7 days or more. These are the backlog columns of center_daily.
-- grain: one row per centre day in [marts_from, marts_to] (days come from agg_daily_measures).
-- from: agg_daily_measures (days), complaint_facts.
-- unique: day
-- not null: day, backlog, backlog_lt_1d, backlog_1_3d, backlog_3_7d, backlog_ge_7d

with days as (
  select
    day,
    cast(day + 1 as timestamptz) as day_end
  from agg_daily_measures
  where grain = 'center'
),

complaints as (
  select * from complaint_facts
),

open_at_day_end as (
  select
    days.day,
    (epoch(days.day_end) - epoch(complaints.opened_at)) / 3600 as age_h
  from days
  join complaints
    on complaints.opened_at < days.day_end
    and (complaints.resolved_at is null or complaints.resolved_at >= days.day_end)
),

final as (
  select
    days.day,
    count(open_at_day_end.age_h) as backlog,
    count(*) filter (where open_at_day_end.age_h < 24) as backlog_lt_1d,
    count(*) filter (where open_at_day_end.age_h >= 24 and open_at_day_end.age_h < 72) as backlog_1_3d,
    count(*) filter (where open_at_day_end.age_h >= 72 and open_at_day_end.age_h < 168) as backlog_3_7d,
    count(*) filter (where open_at_day_end.age_h >= 168) as backlog_ge_7d
  from days
  left join open_at_day_end using (day)
  group by days.day
)

select * from final
