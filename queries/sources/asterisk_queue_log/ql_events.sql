-- ql_events: the lines of an Asterisk queue_log as events, each judged: a known event with
-- a readable time, or the reason it is refused.
-- grain: one row per line the reader returns, in the file's order (a line of spaces too, as
--   blank: the adapter numbers lines by these rows and leaves blank ones out of the view
--   ql_events it makes of them).
-- from: temp view ql_event_fields (time_text, callid, queuename, agent, event, data1, data2;
--   complete: the line has the five fields that name an event; blank), over either form of
--   the log (docs/sources/asterisk.md): the text file app_queue writes,
--   `epoch|callid|queuename|agent|event|data1|...`, and a database export with those
--   columns; a time is epoch seconds or a naive local timestamp.
-- Events are kept by number (macros of ql_event_codes.sql); a name is matched as written
-- first and in capitals only when that fails (Asterisk writes capitals; a database export
-- may not), so the ten million lines of a real log pay for no upper().
-- Only the fields the pivot reads are kept, and only on the events that carry them (the
-- queue and caller on ENTERQUEUE, the member and data1 on CONNECT and RINGNOANSWER): ten
-- million copied strings cost more than the whole rest of this model. No event carries both
-- a queue and a member, or both a caller and a data1, so each pair is one column
-- (queue_or_member, data): every column of ten million rows costs its write, null or not
-- (the load 0.97x the time with two columns fewer, paired runs). The adapter's view
-- ql_events names them again by the event (queuename, agent, data1, data2). An open call's
-- events are kept for the next file with these fields only. A rejected line keeps only what is
-- wrong with it (problem: fields, time or event); ql_event_rejects writes its reason.

with fields as (
  select * from ql_event_fields
),

coded as (
  select
    fields.*,
    coalesce(ql_event_code(event), ql_event_code(upper(event))) as code
  from fields
),

read_numbers as (
  select
    coded.*,
    try_cast(time_text as ubigint) as time_number
  from coded
),

timed as (
  select
    read_numbers.*,
    case
      -- Whole epoch seconds, as app_queue writes them: 9 to 11 plain digits, told by the
      -- number read having as many digits as the text has characters (a sign, space,
      -- underscore, leading zero or decimal point that the cast accepts adds a character;
      -- only an exponent or a hex prefix can write a number shorter, so those are refused).
      -- The same test as the pattern below at a fraction of its cost: writing the number
      -- back as text to compare took twice as long.
      when length(time_text) = case
          when time_number >= 10000000000 then 11
          when time_number >= 1000000000 then 10
          when time_number >= 100000000 then 9
        end
        and not (contains(time_text, 'e') or contains(time_text, 'E') or contains(time_text, 'x') or contains(time_text, 'X'))
        then to_timestamp(time_number::bigint)
      when regexp_full_match(time_text, '[0-9]{9,11}(\.[0-9]+)?') then to_timestamp(time_text::double)
      when regexp_full_match(time_text, '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?')
        then try_cast(time_text as timestamptz)
    end as event_at
  from read_numbers
),

final as (
  select
    event_at,
    callid,
    code,
    case
      when code = ql_event_code('ENTERQUEUE') then queuename
      when code in (ql_event_code('CONNECT'), ql_event_code('RINGNOANSWER')) then agent
    end as queue_or_member,
    case
      when code = ql_event_code('ENTERQUEUE') then nullif(data2, '')
      when code in (ql_event_code('CONNECT'), ql_event_code('RINGNOANSWER')) then nullif(data1, '')
    end as data,
    coalesce(ql_system_event(code), false) as system_event,
    case
      when not complete then 'fields'
      when event_at is null then 'time'
      when code is null then 'event'
    end as problem,
    blank
  from timed
)

select * from final
