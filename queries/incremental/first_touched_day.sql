-- first_touched_day: for `compute --date D` (D = report_day), the earliest local day whose
-- daily measures the data of D can change. Daily marts and FCR are recomputed from this day
-- to D, trainer windows from this day to D + window_days − 1. Candidates:
--   * D − (repeat_window_days + 1): calls whose FCR window reaches into D;
--   * the first day with a call still censored for FCR (its window may now be over: the
--     latest data moved with D, even after a gap of missing days);
--   * the call day of surveys answered on D (surveys count on their call's day);
--   * the opened day of complaints responded to, resolved or followed up on D.
-- Reads the call_facts of the previous compute. grain: one row.

with report as (
  select getvariable('report_day') as day
),

fcr_reach as (
  select day - (getvariable('repeat_window_days') + 1) as day from report
),

censored_calls as (
  select min(call_facts.day) as day
  from call_facts, report
  where call_facts.fcr is null
    and call_facts.direction = 'inbound'
    and call_facts.answered
    and call_facts.customer_key is not null
    and call_facts.day <= report.day
),

late_surveys as (
  select min(call_facts.day) as day
  from stg_surveys
  join call_facts using (call_id), report
  where stg_surveys.responded_day = report.day
),

complaint_events as (
  select min(stg_complaints.day) as day
  from stg_complaints, report
  where report.day in (
    cast(stg_complaints.first_response_at as date),
    cast(stg_complaints.resolved_at as date),
    cast(stg_complaints.follow_up_at as date)
  )
),

final as (
  select least(
    fcr_reach.day,
    censored_calls.day,
    late_surveys.day,
    complaint_events.day
  ) as first_day
  from fcr_reach, censored_calls, late_surveys, complaint_events
)

select * from final
