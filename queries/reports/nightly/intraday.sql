-- intraday: the report day's inbound customer calls by local interval of $interval_minutes
-- minutes (config interval_minutes): offered (inbound_calls), answered, abandoned, service
-- level and ASA, each beside the usual profile of the same weekday (the mean of the 4 same
-- weekdays before it), and the worst intervals marked (worst_rank 1 to 3).
-- grain: one row per interval of the report day, empty intervals included (zero calls, null
--   service level and ASA); 23 h or 25 h of intervals on a DST day.
-- from: intraday_intervals (queries/macros/intraday_macros.sql: call_facts' per-call flags,
--   the interval and profile rules).
with intervals as (
  select * from intraday_intervals($day, $interval_minutes)
),

final as (
  select
    slot_index,
    interval_start,
    inbound_calls,
    answered_inbound,
    abandoned,
    service_level,
    asa_s,
    profile_days,
    usual_inbound_calls,
    usual_answered_inbound,
    usual_abandoned,
    usual_service_level,
    usual_asa_s,
    worst_rank
  from intervals
)

select * from final
order by slot_index
