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
    measures.day,
    measures.calls,
    measures.answered,
    measures.answered_inbound,
    measures.dialled,
    measures.answered_outbound,
    measures.interested,
    measures.sales,
    measures.talk_calls,
    measures.surveys,
    measures.audits,
    measures.complaints,
    measures.aht_s,
    measures.agent_hangup_rate,
    measures.transfer_rate,
    measures.contact_rate,
    measures.conversion_rate,
    measures.conversion_lo,
    measures.conversion_hi,
    measures.calls_per_sale,
    measures.revenue,
    measures.talk_ratio,
    measures.response_rate,
    measures.csat_mean,
    measures.csat_top2,
    measures.nps,
    measures.audit_score,
    measures.inbound_calls,
    measures.abandoned,
    measures.short_abandons,
    measures.service_level,
    measures.asa_s,
    measures.abandon_rate,
    measures.fcr_calls,
    measures.fcr_rate,
    coalesce(complaint_days.complaints_opened, 0) as complaints_opened,
    complaint_days.resolution_rate,
    complaint_days.sla_rate,
    complaint_days.closed_loop_rate,
    complaint_days.reopen_rate,
    complaint_days.escalation_rate,
    complaint_days.median_resolve_h,
    complaint_days.p90_resolve_h,
    backlog.backlog,
    backlog.backlog_lt_1d,
    backlog.backlog_1_3d,
    backlog.backlog_3_7d,
    backlog.backlog_ge_7d
  from measures
  left join complaint_days using (day)
  left join backlog using (day)
)

select * from final
