-- ql_event_rejects: the lines of a queue_log that hold no event callq can read, as rejects:
-- too few fields to name an event, a time that is neither epoch seconds nor ISO 8601, or an
-- event app_queue does not write.
-- grain: one row per such line.
-- from: temp table ql_events (what is wrong with the line: problem) and temp view
--   ql_rejected_lines (those lines as written, from ql_fields: fields, time_text, event, raw).

with rejected as (
  select ql_events.problem, ql_rejected_lines.*
  from ql_events
  join ql_rejected_lines using (line)
),

final as (
  select
    line,
    case problem when 'time' then 'time' else 'event' end as "column",
    case problem
      when 'fields' then 'not a queue_log line: ' || fields || ' field(s), expected time|callid|queuename|agent|event|data...'
      when 'time' then 'time is neither epoch seconds nor an ISO 8601 timestamp'
      else 'unknown queue_log event ' || coalesce(event, '(empty)')
    end as reason,
    case problem when 'time' then time_text when 'event' then event end as value,
    raw
  from rejected
)

select * from final
