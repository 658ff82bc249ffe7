-- ql_events: the lines of an Asterisk queue_log as events, each judged: a known event with
-- a readable time, or the reason it is refused.
-- grain: one row per non-empty line of the file.
-- from: temp view ql_fields (line, raw, time_text, callid, queuename, agent, event,
--   data1..data5, fields), over either form of the log (docs/sources/asterisk.md):
--   the text file app_queue writes, `epoch|callid|queuename|agent|event|data1|...`, and a
--   database export with those columns; a time is epoch seconds or a naive local timestamp.
-- Event names are those app_queue writes (apps/app_queue.c; Asterisk queue_log docs).
-- Only the fields the pivot reads are kept, and only on the events that carry them (the
-- queue and caller on ENTERQUEUE, the member and data1 on CONNECT and RINGNOANSWER): ten
-- million copied strings cost more than the whole rest of this model. An open call's events
-- are kept for the next file with these fields only; a rejected line is read whole from
-- ql_fields.

with fields as (
  select * from ql_fields
),

known as (
  select
    ['ENTERQUEUE', 'CONNECT', 'RINGNOANSWER', 'RINGCANCELED', 'ABANDON', 'EXITWITHTIMEOUT',
     'EXITEMPTY', 'EXITWITHKEY', 'COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER',
     'ATTENDEDTRANSFER', 'TRANSFER', 'WITHDRAW', 'SYSCOMPAT', 'AGENTDUMP', 'DID', 'INFO', 'OUTCALL',
     'ADDMEMBER', 'REMOVEMEMBER', 'PAUSE', 'UNPAUSE', 'PAUSEALL', 'UNPAUSEALL', 'PAUSECUSTOM',
     'PENALTY', 'RINGINUSE', 'QUEUESTART', 'CONFIGRELOAD', 'AGENTLOGIN', 'AGENTLOGOFF',
     'AGENTCALLBACKLOGIN', 'AGENTCALLBACKLOGOFF'] as events,
    -- Lines about the queue or its members, not about a queue call (OUTCALL: an outbound
    -- call QueueUpdate() logs, which never entered the queue).
    ['OUTCALL', 'ADDMEMBER', 'REMOVEMEMBER', 'PAUSE', 'UNPAUSE', 'PAUSEALL', 'UNPAUSEALL', 'PAUSECUSTOM',
     'PENALTY', 'RINGINUSE', 'QUEUESTART', 'CONFIGRELOAD', 'AGENTLOGIN', 'AGENTLOGOFF',
     'AGENTCALLBACKLOGIN', 'AGENTCALLBACKLOGOFF'] as system_events
),

named as (
  -- The event's name once in capitals (Asterisk writes them so; a database export may not).
  select * replace (upper(event) as event), event as event_as_written
  from fields
),

timed as (
  select
    named.*,
    case
      when regexp_full_match(time_text, '[0-9]{9,11}(\.[0-9]+)?') then to_timestamp(time_text::double)
      when regexp_full_match(time_text, '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?')
        then try_cast(time_text as timestamptz)
    end as event_at,
    list_contains(known.events, event) as known_event,
    list_contains(known.system_events, event) as system_event
  from named, known
),

final as (
  select
    line,
    event_at,
    callid,
    event,
    case when event = 'ENTERQUEUE' then queuename end as queuename,
    case when event in ('CONNECT', 'RINGNOANSWER') then agent end as agent,
    case when event in ('CONNECT', 'RINGNOANSWER') then data1 end as data1,
    case when event = 'ENTERQUEUE' then data2 end as data2,
    coalesce(system_event, false) as system_event,
    case
      when fields < 5 then 'event'
      when event_at is null then 'time'
      when not known_event then 'event'
    end as problem_column,
    case
      when fields < 5 then 'not a queue_log line: ' || fields || ' field(s), expected time|callid|queuename|agent|event|data...'
      when event_at is null then 'time is neither epoch seconds nor an ISO 8601 timestamp'
      when not known_event then 'unknown queue_log event ' || coalesce(event_as_written, '(empty)')
    end as problem,
    case
      when fields < 5 then null
      when event_at is null then time_text
      when not known_event then event_as_written
    end as problem_value
  from timed
)

select * from final
