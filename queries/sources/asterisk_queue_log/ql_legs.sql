-- ql_legs: Asterisk queue calls from queue_log events: one leg per ENTERQUEUE.
-- grain: one row per leg (ENTERQUEUE), open or closed.
-- from: temp tables ql_enters (the legs, named) and ql_assigned (this file's call events and
--   open calls' events, by leg); macro ql_agent (the adapter's): a queue member's interface
--   or name → the agent id.
-- Definitions (docs/sources/asterisk.md, from Asterisk's queue_log event reference):
--   started_at = ENTERQUEUE; answered_at and agent from the first CONNECT before the close
--   (its data1 is the caller's wait in queue, not hold); ended_at = the closing event;
--   who hung up from the closing event; transfers close the leg as transferred.
-- A leg with no closing event yet is open: it is not a call until a later file ends it.

with assigned as (
  select * from ql_assigned
  where leg is not null
),

measured as (
  -- One pass per leg. The close is the first closing event. The answer is the first CONNECT
  -- before the close: the leg's first CONNECT when that comes before the close (arg_min skips
  -- a null agent, so the member's CONNECT is the first one that names a member). Each
  -- arg_min takes one plain value: a struct of three costs more than three of them.
  select
    leg,
    min(seq) filter (where closes) as close_seq,
    arg_min(event_at, seq) filter (where closes) as closed_at,
    arg_min(event, seq) filter (where closes) as closing_event,
    arg_min(line, seq) filter (where closes) as closing_line,
    min(seq) filter (where event = 'CONNECT' and event_at is not null) as connect_seq,
    arg_min(event_at, seq) filter (where event = 'CONNECT') as connected_at,
    min(seq) filter (where event = 'CONNECT' and agent is not null) as member_seq,
    arg_min(agent, seq) filter (where event = 'CONNECT') as connect_member
  from (
    select
      *,
      event in ('COMPLETECALLER', 'COMPLETEAGENT', 'ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY',
                'EXITWITHKEY', 'WITHDRAW', 'BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER') as closes
    from assigned
  )
  group by leg
),

final as (
  select
    leg,
    call_id,
    'inbound' as direction,
    ql_agent(case when close_seq is null or member_seq < close_seq then connect_member end) as agent_id,
    queuename as queue,
    caller_id,
    caller_id as customer_number,
    entered_at as started_at,
    case when close_seq is null or connect_seq < close_seq then connected_at end as answered_at,
    closed_at as ended_at,
    case
      when closing_event = 'COMPLETEAGENT' then 'agent'
      when closing_event in ('COMPLETECALLER', 'ABANDON', 'EXITWITHKEY') then 'customer'
      -- WITHDRAW: the caller was withdrawn through the AMI (QueueWithdrawCaller).
      when closing_event in ('EXITWITHTIMEOUT', 'EXITEMPTY', 'WITHDRAW') then 'system'
    end as disconnect_party,
    closing_event in ('BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER') as transferred,
    previous_call_id,
    closing_line as _line,
    close_seq is null as open
  from ql_enters
  join measured using (leg)
)

select * from final
