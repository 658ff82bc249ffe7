-- intraday_macros: intraday_intervals(report_day, minutes), the table both intraday report
-- queries read (queries/reports/nightly/intraday.sql and intraday_worst.sql), so the
-- intervals are cut and counted in one place (docs/reports.md#intraday-view).
-- grain: one row per local wall-clock interval of the report day: 24 h ÷ minutes intervals
--   (48 at 30 minutes); 46 on the day clocks go forward (02:00 and 02:30 do not exist in
--   Europe/Berlin), 50 on the day they go back (02:00 and 02:30 happen twice, labelled with
--   their UTC offset, as "02:00 (UTC+02:00)" then "02:00 (UTC+01:00)").
-- from: call_facts, inbound customer calls (first legs, as the centre's daily figures count
--   them), with the per-call flags of int_calls_measured (answered, abandoned,
--   within_target, wait_s); the ratios are the macros agg_daily_measures uses
--   (macros/metric_macros.sql: service_level, answered within target ÷ (answered +
--   abandoned), short abandons left out; asa_s, the mean wait of answered calls from the sum
--   of their waits). Times are local: the session TimeZone is config.timezone.
-- A call counts in the interval it was offered in (started_at), however long it waits or
-- talks past the interval's end. Every interval is there, with zeros when it had no call.
-- The usual profile: the same wall-clock interval on the 4 same weekdays before the report
-- day that have any call (a day before the data began is not a day of zeros): counts are the
-- mean per occurrence of the interval (an interval missing on a spring-forward day is left
-- out of that day; one repeated on a fall-back day counts twice), rates are pooled over the
-- calls of those occurrences.
-- worst_rank: 1 to 3 for the 3 intervals with the lowest service level among those with at
-- least 10 calls in its denominator (answered + abandoned); ties: more such calls first,
-- then the earlier interval.

create or replace temp macro intraday_intervals(report_day, minutes) as table
with days as (
  -- The report day (weeks_back 0) and the 4 same weekdays before it.
  select (report_day - (7 * weeks_back)::integer)::date as day, weeks_back
  from range(0, 5) as weeks(weeks_back)
),

days_with_calls as (
  select *
  from days
  where weeks_back = 0 or day in (select day from call_facts)
),

day_bounds as (
  -- Local midnight to the next local midnight: 24 h, or 23 h / 25 h on a DST day.
  select
    day,
    weeks_back,
    day::timestamptz as day_start,
    floor((epoch((day + 1)::timestamptz) - epoch(day::timestamptz)) / (60 * minutes)) as interval_count
  from days_with_calls
),

intervals as (
  select
    day,
    weeks_back,
    day_start,
    unnest(range(0, interval_count::bigint)) as slot_index
  from day_bounds
),

wall_clock as (
  select
    day,
    weeks_back,
    slot_index,
    day_start + to_minutes(slot_index * minutes) as starts_at
  from intervals
),

labelled as (
  select
    *,
    strftime(starts_at, '%H:%M') as slot,
    round((epoch(starts_at::timestamp) - epoch(starts_at)) / 60)::integer as utc_offset_min
  from wall_clock
),

labels as (
  select
    *,
    case
      when count(*) over (partition by day, slot) > 1
        then printf('%s (UTC%s%02d:%02d)', slot, if(utc_offset_min < 0, '-', '+'),
          abs(utc_offset_min) // 60, abs(utc_offset_min) % 60)
      else slot
    end as interval_start
  from labelled
),

calls as (
  select
    day_bounds.day,
    floor((epoch(call_facts.started_at) - epoch(day_bounds.day_start)) / (60 * minutes))::bigint as slot_index,
    call_facts.answered,
    call_facts.abandoned,
    call_facts.within_target,
    call_facts.wait_s
  from call_facts
  join day_bounds on call_facts.day = day_bounds.day
  where call_facts.direction = 'inbound' and call_facts.first_leg
),

counted as (
  select
    labels.day,
    labels.weeks_back,
    labels.slot_index,
    labels.slot,
    labels.interval_start,
    count(calls.day) as inbound_calls,
    count(*) filter (where calls.answered) as answered_inbound,
    count(*) filter (where calls.abandoned) as abandoned,
    count(*) filter (where calls.within_target) as answered_within_target,
    coalesce(sum(exact(calls.wait_s)) filter (where calls.answered), 0) as answered_wait_s
  from labels
  left join calls using (day, slot_index)
  group by all
),

usual as (
  select
    slot,
    count(distinct day) as profile_days,
    avg(inbound_calls) as usual_inbound_calls,
    avg(answered_inbound) as usual_answered_inbound,
    avg(abandoned) as usual_abandoned,
    service_level(sum(answered_within_target), sum(answered_inbound), sum(abandoned)) as usual_service_level,
    asa_s(sum(answered_wait_s), sum(answered_inbound)) as usual_asa_s
  from counted
  where weeks_back > 0
  group by slot
),

report_day as (
  select
    *,
    answered_inbound + abandoned as service_level_calls,
    service_level(answered_within_target, answered_inbound, abandoned) as service_level,
    asa_s(answered_wait_s, answered_inbound) as asa_s
  from counted
  where weeks_back = 0
),

ranked as (
  select
    slot_index,
    row_number() over (order by service_level, service_level_calls desc, slot_index) as worst_order
  from report_day
  where service_level_calls >= 10
),

final as (
  select
    report_day.slot_index,
    report_day.interval_start,
    report_day.inbound_calls,
    report_day.answered_inbound,
    report_day.abandoned,
    report_day.service_level_calls,
    report_day.service_level,
    report_day.asa_s,
    coalesce(usual.profile_days, 0) as profile_days,
    usual.usual_inbound_calls,
    usual.usual_answered_inbound,
    usual.usual_abandoned,
    usual.usual_service_level,
    usual.usual_asa_s,
    if(ranked.worst_order <= 3, ranked.worst_order, null) as worst_rank
  from report_day
  left join usual using (slot)
  left join ranked using (slot_index)
)

select * from final
order by slot_index;
