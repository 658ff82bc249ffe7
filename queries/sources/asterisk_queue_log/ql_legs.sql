-- ql_legs: Asterisk queue calls from queue_log events: one leg per ENTERQUEUE.
-- grain: one row per leg (ENTERQUEUE), open or closed.
-- from: temp table ql_assigned (this file's call events and open calls' events, by leg).
-- Definitions (docs/sources/asterisk.md, from Asterisk's queue_log event reference):
--   started_at = ENTERQUEUE; answered_at and agent from the first CONNECT before the close
--   (its data1 is the caller's wait in queue, not hold); ended_at = the closing event;
--   who hung up from the closing event; transfers close the leg as transferred.
-- A leg with no closing event yet is open: it is not a call until a later file ends it.

with assigned as (
  select * from ql_assigned
  where call_id is not null
),

closing as (
  select ['COMPLETECALLER', 'COMPLETEAGENT', 'ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY',
          'EXITWITHKEY', 'WITHDRAW', 'BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER'] as events
),

closed as (
  select
    call_id,
    min(seq) filter (where list_contains((select events from closing), event)) as close_seq
  from assigned
  group by call_id
),

measured as (
  select
    assigned.call_id,
    any_value(assigned.previous_call_id) as previous_call_id,
    any_value(assigned.entered_at) as started_at,
    any_value(assigned.leg_queue) as queue,
    any_value(assigned.caller_id) as caller_id,
    any_value(closed.close_seq) as close_seq,
    arg_min(assigned.event_at, assigned.seq) filter (where event = 'CONNECT' and (closed.close_seq is null or assigned.seq < closed.close_seq)) as answered_at,
    arg_min(assigned.agent, assigned.seq) filter (where event = 'CONNECT' and (closed.close_seq is null or assigned.seq < closed.close_seq)) as member,
    arg_min(assigned.event_at, assigned.seq) filter (where assigned.seq = closed.close_seq) as ended_at,
    arg_min(assigned.event, assigned.seq) filter (where assigned.seq = closed.close_seq) as close_event,
    arg_min(assigned.line, assigned.seq) filter (where assigned.seq = closed.close_seq) as close_line
  from assigned
  join closed using (call_id)
  group by assigned.call_id
),

final as (
  select
    call_id,
    'inbound' as direction,
    -- A member is an interface (PJSIP/1001, SIP/1001, Local/1001@from-queue/n, Agent/1001)
    -- or a member name: the agent is the peer name without technology and context.
    regexp_replace(regexp_replace(member, '^[A-Za-z0-9_]+/', ''), '[@/].*$', '') as agent_id,
    queue,
    caller_id,
    caller_id as customer_number,
    started_at,
    answered_at,
    ended_at,
    case
      when close_event = 'COMPLETEAGENT' then 'agent'
      when close_event in ('COMPLETECALLER', 'ABANDON', 'EXITWITHKEY') then 'customer'
      -- WITHDRAW: the caller was withdrawn through the AMI (QueueWithdrawCaller).
      when close_event in ('EXITWITHTIMEOUT', 'EXITEMPTY', 'WITHDRAW') then 'system'
    end as disconnect_party,
    close_event in ('BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER') as transferred,
    previous_call_id,
    close_line as _line,
    close_seq is null as open
  from measured
)

select * from final
