-- ql_enters: the legs of the callids that are not one leg (ql_callids: re-entries, events
-- before the enter, calls earlier files left open): one per ENTERQUEUE, named, with the
-- span of its callid's events that belong to it.
-- grain: one row per leg: per ENTERQUEUE, but two enters of a callid within one second
--   (which would share a call_id) make one leg, the first, whose span then holds both.
-- from: temp table ql_other_events (the events of those callids and of open calls), calls
--   (to tell a caller who enters a queue again after a leg loaded earlier).
-- A caller who enters a queue again (after a transfer) starts a new leg of the same call:
-- call_id `<callid>#<epoch of the enter>`, previous_call_id the leg before it.
-- Events are in the order app_queue wrote them: by time, earlier files' first, then by line
-- (ql_seq, a macro the adapter defines: that order packed into one number). `leg` numbers
-- the legs: their key in ql_assigned and ql_placed_legs (a bigint joins and groups faster than the
-- call_id text or the 128-bit enter_seq).

with enter_events as (
  select batch, line, event_at, callid, queuename, data2
  from ql_other_events
  where code = ql_event_code('ENTERQUEUE')
),

enters as (
  select
    callid,
    ql_seq(event_at, batch, line, ql_event_code('ENTERQUEUE')) as enter_seq,
    event_at as entered_at,
    queuename,
    nullif(data2, '') as caller_id
  from enter_events
),

numbered as (
  select
    *,
    row_number() over w as enter_no,
    lag(entered_at) over w as previous_entered_at
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

named as (
  select
    callid,
    enter_seq,
    case when reentry then callid || '#' || epoch(entered_at)::bigint else callid end as call_id,
    case
      when enter_no > 1 then
        case when previous_reentry then callid || '#' || epoch(previous_entered_at)::bigint else callid end
      when reentry then callid
    end as previous_call_id,
    -- The call_id of the enter before (a re-entry too, in the same second): the same leg.
    enter_no > 1 and reentry and previous_reentry
      and epoch(entered_at)::bigint = epoch(previous_entered_at)::bigint as repeats_previous,
    entered_at,
    queuename,
    caller_id
  from legs
),

distinct_legs as (
  select * exclude (repeats_previous)
  from named
  where not repeats_previous
),

final as (
  select
    *,
    row_number() over () as leg,
    -- A leg holds its callid's events from its ENTERQUEUE up to the next leg's (or for good).
    coalesce(lead(enter_seq) over (partition by callid order by enter_seq), 170141183460469231731687303715884105727::hugeint) as next_enter_seq
  from distinct_legs
)

select * from final
