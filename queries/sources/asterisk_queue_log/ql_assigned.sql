-- ql_assigned: this file's queue_log call events, with those of calls earlier files left
-- open, each assigned to its leg: the latest ENTERQUEUE of its callid at or before it.
-- grain: one row per call event (call_id null for an event of a call that never entered
--   a queue in this file or an open one: an orphan).
-- from: temp table ql_events (this file's events), queue_log_pending (open calls' events),
--   calls (to tell a caller who enters a queue again after a leg loaded earlier).
-- A caller who enters a queue again (after a transfer) starts a new leg of the same call:
-- call_id `<callid>#<epoch of the enter>`, previous_call_id the leg before it.

with events as (
  select getvariable('source_file') as file, line, 1 as batch, * exclude (line, raw, system_event, problem_column, problem, problem_value)
  from ql_events
  where problem is null and not system_event
  union all by name
  select file, line, 0 as batch, event_at, callid, queuename, agent, event, data1, data2, data3, data4, data5
  from queue_log_pending
),

ordered as (
  -- Earlier files' events first, then this file's in line order: the order app_queue wrote them.
  select *, row_number() over (order by event_at, batch, line) as seq
  from events
),

enters as (
  select
    callid,
    seq as enter_seq,
    event_at as entered_at,
    queuename,
    nullif(data2, '') as caller_id,
    row_number() over (partition by callid order by seq) as enter_no
  from ordered
  where event = 'ENTERQUEUE'
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
    enters.*,
    coalesce(earlier_legs.first_started < enters.entered_at, false) or enter_no > 1 as reentry,
    lead(enter_seq) over (partition by enters.callid order by enter_seq) as next_enter_seq
  from enters
  left join earlier_legs using (callid)
),

named as (
  select
    *,
    case when reentry then callid || '#' || epoch(entered_at)::bigint else callid end as call_id,
    case
      when enter_no > 1 then lag(case when reentry then callid || '#' || epoch(entered_at)::bigint else callid end)
        over (partition by callid order by enter_seq)
      when reentry then callid
    end as previous_call_id
  from legs
),

final as (
  select
    ordered.*,
    named.call_id,
    named.previous_call_id,
    named.entered_at,
    named.queuename as leg_queue,
    named.caller_id
  from ordered
  asof left join named
    on ordered.callid = named.callid and ordered.seq >= named.enter_seq
)

select * from final
