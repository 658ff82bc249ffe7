-- ql_leg_measures: a table macro, the one definition of what a queue_log leg's events say:
-- its enter, answer, agent, end and who hung up.
-- grain: one row per leg_key of the relation it is given.
-- from: the relation named by `leg_events` (leg_key, seq, event_at, event, line, queuename,
--   agent, data2): one leg's events per leg_key, in app_queue's order by seq (ql_seq).
-- Definitions (docs/sources/asterisk.md, from Asterisk's queue_log event reference):
--   started_at = ENTERQUEUE (its data2 is the caller id); answered_at and the member from
--   the first CONNECT before the close (CONNECT's data1 is the caller's wait in queue, not
--   hold); ended_at = the closing event; who hung up from the closing event; transfers close
--   the leg as transferred. A leg with no closing event is open.
-- enters and first_seq let a caller tell whether the events are one leg (ql_callids).

create or replace temp macro ql_leg_measures(leg_events) as table

with events as (
  select
    *,
    event in ('COMPLETECALLER', 'COMPLETEAGENT', 'ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY',
              'EXITWITHKEY', 'WITHDRAW', 'BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER') as closes
  from query_table(leg_events)
),

measured as (
  -- One pass per leg. The close is the first closing event. The answer is the first CONNECT
  -- before the close: the leg's first CONNECT when that comes before the close (arg_min skips
  -- a null agent, so the member's CONNECT is the first one that names a member). Each
  -- arg_min takes one plain value: a struct of three costs more than three of them.
  select
    leg_key,
    count(*) filter (where event = 'ENTERQUEUE') as enters,
    min(seq) filter (where event = 'ENTERQUEUE') as enter_seq,
    -- DID and INFO may come before the ENTERQUEUE of their call; no other event may.
    min(seq) filter (where event not in ('DID', 'INFO')) as first_seq,
    arg_min(event_at, seq) filter (where event = 'ENTERQUEUE') as entered_at,
    arg_min(queuename, seq) filter (where event = 'ENTERQUEUE') as queuename,
    arg_min(data2, seq) filter (where event = 'ENTERQUEUE') as caller_id,
    min(seq) filter (where closes) as close_seq,
    arg_min(event_at, seq) filter (where closes) as closed_at,
    arg_min(event, seq) filter (where closes) as closing_event,
    arg_min(line, seq) filter (where closes) as closing_line,
    min(seq) filter (where event = 'CONNECT' and event_at is not null) as connect_seq,
    arg_min(event_at, seq) filter (where event = 'CONNECT') as connected_at,
    min(seq) filter (where event = 'CONNECT' and agent is not null) as member_seq,
    arg_min(agent, seq) filter (where event = 'CONNECT') as connect_member
  from events
  group by leg_key
)

select
  leg_key,
  enters,
  enter_seq,
  first_seq,
  entered_at as started_at,
  queuename as queue,
  nullif(caller_id, '') as caller_id,
  ql_agent(case when close_seq is null or member_seq < close_seq then connect_member end) as agent_id,
  case when close_seq is null or connect_seq < close_seq then connected_at end as answered_at,
  closed_at as ended_at,
  case
    when closing_event = 'COMPLETEAGENT' then 'agent'
    when closing_event in ('COMPLETECALLER', 'ABANDON', 'EXITWITHKEY') then 'customer'
    -- WITHDRAW: the caller was withdrawn through the AMI (QueueWithdrawCaller).
    when closing_event in ('EXITWITHTIMEOUT', 'EXITEMPTY', 'WITHDRAW') then 'system'
  end as disconnect_party,
  closing_event in ('BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER') as transferred,
  closing_line as _line,
  close_seq is null as open
from measured
