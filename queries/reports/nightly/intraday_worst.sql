-- intraday_worst: the report day's worst intervals: the 3 with the lowest service level among
-- those with at least 10 calls in its denominator (answered + abandoned), each beside its
-- usual profile (same weekday, 4 weeks). Ties: more such calls first, then the earlier one.
-- grain: one row per worst interval (0 to 3 rows). from: intraday_intervals
--   (queries/macros/intraday_macros.sql), at $interval_minutes minutes.
with intervals as (
  select * from intraday_intervals($day, $interval_minutes)
),

worst as (
  select * from intervals
  where worst_rank is not null
),

final as (
  select
    worst_rank,
    interval_start,
    inbound_calls,
    usual_inbound_calls,
    abandoned,
    usual_abandoned,
    service_level,
    usual_service_level,
    asa_s,
    usual_asa_s
  from worst
)

select * from final
order by worst_rank
