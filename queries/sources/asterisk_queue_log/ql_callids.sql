-- ql_callids: this file's queue_log call events grouped by callid, measured as one leg, and
-- whether they are one: most callids are, and then this row is their leg, with no event
-- placed by time.
-- grain: one row per callid with a call event in this file.
-- from: temp table ql_events (this file's events); macros ql_seq (the adapter's),
--   ql_leg_measures, ql_event_codes; ql_carried (open calls' events
--   from earlier files) and calls (legs loaded before), to send those callids to
--   ql_other_events (and so to ql_enters and ql_assigned).
-- A callid is one leg when it has one ENTERQUEUE, no event but DID or INFO before it, and
-- neither events left open by an earlier file nor a leg loaded before: a leg loaded before
-- makes this one a re-entry, named by the time it entered.

with call_events as (
  select
    callid as leg_key,
    ql_seq(event_at, 1, line, code) as seq,
    code,
    -- The packed fields as they are (ql_events.sql): ql_leg_measures reads the queue and
    -- caller of ENTERQUEUE and the member of CONNECT only, which is what each column holds
    -- on those events; unpacked, ten million rows would pay three `case`s.
    queue_or_member as queuename,
    queue_or_member as agent,
    data as data2
  from ql_events
  where problem is null and not system_event
),

measured as (
  select * from ql_leg_measures('call_events')
),

carried as (
  select distinct callid from ql_carried
),

final as (
  select
    measured.*,
    measured.enters = 1
      and measured.first_seq = measured.enter_seq
      and carried.callid is null
      and calls.call_id is null as one_leg
  from measured
  left join carried on measured.leg_key = carried.callid
  -- call_id is the key of calls: at most one match.
  left join calls on measured.leg_key = calls.call_id
)

select * from final
