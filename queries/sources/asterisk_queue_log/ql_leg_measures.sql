-- ql_leg_measures: a table macro, the one definition of what a queue_log leg's events say:
-- its enter, answer, the member who answered, end and who hung up.
-- grain: one row per leg_key of the relation it is given.
-- from: the relation named by `leg_events` (leg_key, seq, code, queuename, agent, data2):
--   one leg's events per leg_key, in app_queue's order by seq (ql_seq, whose number holds
--   the event's time, line and code: ql_seq_at, ql_seq_line and ql_seq_code read them
--   back), each event by its number (ql_event_codes.sql).
-- Definitions (docs/sources/asterisk.md, from Asterisk's queue_log event reference):
--   started_at = ENTERQUEUE (its data2 is the caller id); answered_at and the member from
--   the first CONNECT before the close (CONNECT's data1 is the caller's wait in queue, not
--   hold); ended_at = the closing event; who hung up from the closing event; transfers close
--   the leg as transferred. A leg with no closing event is open.
-- enters and first_seq let a caller tell whether the events are one leg (ql_callids).
-- queue and caller_id are those of an ENTERQUEUE, not always of the first: a leg of one
-- enter has no other, and ql_placed_legs names a leg of two enters in one second (ql_enters) by
-- its first itself. (An arg_min by seq of each costs a quarter of a second per ten million
-- events.)

create or replace temp macro ql_leg_measures(leg_events) as table

with events as (
  select *, ql_closes(code) as closes
  from query_table(leg_events)
),

measured as (
  -- One pass per leg. The close is the first closing event. The answer is the first CONNECT
  -- before the close: the leg's first CONNECT when that comes before the close, and its
  -- member answered (arg_min_null: a CONNECT that names no member answers with no member,
  -- not with a later CONNECT's; ql_legs reads the member's agent from ql_member_agents).
  -- Times, lines and the closing event are read back from the seq each min() finds: an
  -- arg_min per time costs more.
  select
    leg_key,
    count(*) filter (where code = ql_event_code('ENTERQUEUE')) as enters,
    min(seq) filter (where code = ql_event_code('ENTERQUEUE')) as enter_seq,
    -- DID and INFO may come before the ENTERQUEUE of their call; no other event may.
    min(seq) filter (where code not in (ql_event_code('DID'), ql_event_code('INFO'))) as first_seq,
    any_value(queuename) filter (where code = ql_event_code('ENTERQUEUE')) as queuename,
    any_value(data2) filter (where code = ql_event_code('ENTERQUEUE')) as caller_id,
    min(seq) filter (where closes) as close_seq,
    min(seq) filter (where code = ql_event_code('CONNECT')) as connect_seq,
    arg_min_null(agent, seq) filter (where code = ql_event_code('CONNECT')) as connect_member
  from events
  group by leg_key
),

closed as (
  select *, ql_event_name(ql_seq_code(close_seq)) as closing_event
  from measured
)

select
  leg_key,
  enters,
  enter_seq,
  first_seq,
  ql_seq_at(enter_seq) as started_at,
  queuename as queue,
  nullif(caller_id, '') as caller_id,
  case when close_seq is null or connect_seq < close_seq then connect_member end as member,
  case when close_seq is null or connect_seq < close_seq then ql_seq_at(connect_seq) end as answered_at,
  ql_seq_at(close_seq) as ended_at,
  case
    when closing_event = 'COMPLETEAGENT' then 'agent'
    when closing_event in ('COMPLETECALLER', 'ABANDON', 'EXITWITHKEY') then 'customer'
    -- WITHDRAW: the caller was withdrawn through the AMI (QueueWithdrawCaller).
    when closing_event in ('EXITWITHTIMEOUT', 'EXITEMPTY', 'WITHDRAW') then 'system'
  end as disconnect_party,
  closing_event in ('BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER') as transferred,
  ql_seq_line(close_seq) as _line,
  close_seq is null as open
from closed
