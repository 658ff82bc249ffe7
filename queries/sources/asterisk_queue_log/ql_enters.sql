-- ql_enters: the legs of this file's queue_log calls and of the calls earlier files left
-- open: one per ENTERQUEUE, named, with the span of its callid's events that belong to it.
-- grain: one row per ENTERQUEUE (two legs share a call_id only when a caller enters twice
--   within one second; ql_legs then makes them one).
-- from: temp table ql_events (this file's events), queue_log_pending (open calls' events),
--   calls (to tell a caller who enters a queue again after a leg loaded earlier).
-- A caller who enters a queue again (after a transfer) starts a new leg of the same call:
-- call_id `<callid>#<epoch of the enter>`, previous_call_id the leg before it.
-- Events are in the order app_queue wrote them: by time, earlier files' first, then by line
-- (ql_seq, a macro the adapter defines: that order packed into one number).

with enter_events as (
  select 1 as batch, line, event_at, callid, queuename, data2
  from ql_events
  where problem is null and not system_event and event = 'ENTERQUEUE'
  union all
  select 0 as batch, line, event_at, callid, queuename, data2
  from queue_log_pending
  where event = 'ENTERQUEUE'
),

enters as (
  select
    callid,
    ql_seq(event_at, batch, line) as enter_seq,
    event_at as entered_at,
    queuename,
    nullif(data2, '') as caller_id
  from enter_events
),

numbered as (
  -- One ordering of each callid's enters for all three (one sort).
  select
    *,
    row_number() over w as enter_no,
    lag(entered_at) over w as previous_entered_at,
    -- A leg holds its callid's events from its ENTERQUEUE up to the next one (or for good).
    coalesce(lead(enter_seq) over w, 170141183460469231731687303715884105727::hugeint) as next_enter_seq
  from enters
  window w as (partition by callid order by enter_seq)
),

earlier_legs as (
  -- A call whose first leg was loaded from an earlier file.
  select call_id as callid, min(started_at) as first_started
  from calls
  where call_id in (select callid from enters)
  group by call_id
),

legs as (
  select
    numbered.*,
    coalesce(earlier_legs.first_started < numbered.entered_at, false) or enter_no > 1 as reentry,
    -- The same for the leg before (enter_no - 1), to name it.
    coalesce(earlier_legs.first_started < numbered.previous_entered_at, false) or enter_no > 2 as previous_reentry
  from numbered
  left join earlier_legs using (callid)
),

final as (
  select
    callid,
    enter_seq,
    next_enter_seq,
    case when reentry then callid || '#' || epoch(entered_at)::bigint else callid end as call_id,
    case
      when enter_no > 1 then
        case when previous_reentry then callid || '#' || epoch(previous_entered_at)::bigint else callid end
      when reentry then callid
    end as previous_call_id,
    entered_at,
    queuename,
    caller_id
  from legs
)

select * from final
