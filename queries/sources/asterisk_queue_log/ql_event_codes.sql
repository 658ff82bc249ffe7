-- ql_event_codes: macros that number the queue_log events app_queue writes (apps/app_queue.c;
-- Asterisk queue_log docs), so the pivot compares and keeps a small number per event
-- instead of its name: on ten million events that halves the per-callid aggregate.
-- from: nothing; the order of the list below is part of the macros' meaning.
-- The list runs: the call's own events (ENTERQUEUE first), the closing events in one run
-- (ABANDON .. WITHDRAW, which ql_closes reads as a range), DID and INFO (which may come
-- before their call's ENTERQUEUE), then lines about a queue or its members, not about a
-- queue call (OUTCALL onwards: an outbound call QueueUpdate() logs, which never entered
-- the queue; ql_system_event).

create or replace temp macro ql_event_names() as
  ['ENTERQUEUE', 'CONNECT', 'RINGNOANSWER', 'RINGCANCELED', 'ABANDON', 'EXITWITHTIMEOUT',
   'EXITEMPTY', 'EXITWITHKEY', 'COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER',
   'ATTENDEDTRANSFER', 'TRANSFER', 'WITHDRAW', 'SYSCOMPAT', 'AGENTDUMP', 'DID', 'INFO', 'OUTCALL',
   'ADDMEMBER', 'REMOVEMEMBER', 'PAUSE', 'UNPAUSE', 'PAUSEALL', 'UNPAUSEALL', 'PAUSECUSTOM',
   'PENALTY', 'RINGINUSE', 'QUEUESTART', 'CONFIGRELOAD', 'AGENTLOGIN', 'AGENTLOGOFF',
   'AGENTCALLBACKLOGIN', 'AGENTCALLBACKLOGOFF'];

-- An event's number (null for a name app_queue does not write); with a constant name the
-- planner folds it to that number.
create or replace temp macro ql_event_code(name) as list_position(ql_event_names(), name)::utinyint;

create or replace temp macro ql_event_name(code) as ql_event_names()[code];

-- The events that end a leg: it was answered and ended, abandoned, timed out, left, was
-- withdrawn or transferred.
create or replace temp macro ql_closes(code) as code between ql_event_code('ABANDON') and ql_event_code('WITHDRAW');

create or replace temp macro ql_system_event(code) as code >= ql_event_code('OUTCALL');
