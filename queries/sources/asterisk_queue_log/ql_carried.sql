-- ql_carried: the events earlier files left open (queue_log_pending) that this file does not
-- hold again. A log loaded each night at one path and never rotated holds last night's lines
-- again and then more: an open call's events come back as this file's own, and kept twice
-- they would make its enter a second leg and its missed rings two each.
-- grain: one row per event of queue_log_pending not read again from this file.
-- from: queue_log_pending and temp table ql_events (this file's events, with the fields
--   queue_log_pending keeps).
-- The same event is the same call, time, event and fields (a line number alone could be
-- another event in a rotated log, and a log copied under a new name moves no line).

with reread as (
  select callid, event_at, ql_event_name(code) as event, queuename, agent, data1, data2
  from ql_events
  where problem is null
    and not system_event
    and callid in (select callid from queue_log_pending)
),

final as (
  select queue_log_pending.*
  from queue_log_pending
  anti join reread
    on (queue_log_pending.callid, queue_log_pending.event_at, queue_log_pending.event, queue_log_pending.queuename,
      queue_log_pending.agent, queue_log_pending.data1, queue_log_pending.data2)
    is not distinct from (reread.callid, reread.event_at, reread.event, reread.queuename, reread.agent, reread.data1,
      reread.data2)
)

select * from final
