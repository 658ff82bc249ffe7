-- center_daily: the whole centre per day: every measure of queue_daily over all calls, plus
-- the complaints opened that day and how they fared (resolution, SLA, closed loop, reopen,
-- escalation, median and p90 resolve hours) and the complaint backlog at the end of the
-- day by age band.
-- grain: one row per local day with any activity.
-- from: agg_daily_measures (grain 'center'), agg_complaint_daily, agg_complaint_backlog.
-- unique: day
-- not null: day, calls, complaints_opened, backlog

with measures as (
  select * from agg_daily_measures
  where grain = 'center'
),

complaint_days as (
  select * from agg_complaint_daily
),

backlog as (
  select * from agg_complaint_backlog
),

final as (
  select
    measures.* exclude (grain, agent_id, team, queue),
    coalesce(complaint_days.complaints_opened, 0) as complaints_opened,
    complaint_days.* exclude (day, complaints_opened),
    backlog.* exclude (day)
  from measures
  left join complaint_days using (day)
  left join backlog using (day)
)

select * from final
