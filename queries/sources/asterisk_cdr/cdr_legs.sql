-- cdr_legs: Asterisk CDR rows (legs of channels) as customer call legs, and why any other
-- call is not one.
-- grain: one row per agent leg of a call, or one row per call without an agent leg
--   (skip_reason null: a leg to load).
-- from: temp table cdr_rows (one row per CDR, typed: _line, call_key, src, dst, dcontext,
--   channel, dstchannel, lastapp, started, answered, ended, billsec, disposition; batch 1
--   for this file's rows, 0 for rows of its calls carried from earlier files, which come
--   first in the order rows were written, (batch, _line));
--   variables cdr_inbound_contexts, cdr_outbound_contexts, cdr_extension_pattern
--   (config sources.asterisk).
-- Definitions (docs/sources/asterisk.md §5, from Asterisk's CDR specification): one
-- customer call = the rows of one linkedid (uniqueid, or the caller's channel, where the
-- file has none). Its direction is the context of its earliest row. An agent leg is an
-- ANSWERED row whose other channel is an agent's extension (a 2–6 digit peer by default;
-- never a Local/ channel or a trunk) on the customer's side (Party A no extension), or, in
-- an outbound call, an agent's extension dialling out: only its answer is an answer, so
-- neither an IVR answering the caller, nor a ring group's Local/ leg, nor an agent's
-- consultation of another counts. Several agent legs of one call (a transfer: the
-- customer's new CDR to each agent, CDR Specification, "Transfers"; in an outbound call
-- the customer's channel is the older, so Party A) are legs of that call: `<call>#<n>`,
-- each continuing the one before.
-- A call's line (_line) is one of this file's rows: the agent leg's, or where that row was
-- carried from an earlier file, the call's first row in this file.

with cdr as (
  select * from cdr_rows
),

channels as (
  select
    *,
    -- `PJSIP/1001-0000001a` → technology PJSIP, peer 1001.
    regexp_extract(channel, '^([^/]+)/', 1) as tech_a,
    regexp_extract(channel, '^[^/]+/(.+)-[0-9a-fA-F]+$', 1) as peer_a,
    regexp_extract(dstchannel, '^([^/]+)/', 1) as tech_b,
    regexp_extract(dstchannel, '^[^/]+/(.+)-[0-9a-fA-F]+$', 1) as peer_b
  from cdr
),

flagged as (
  select
    *,
    -- false, never null, where a channel has no peer (no dstchannel, an unusual name)
    coalesce(lower(tech_a) <> 'local' and regexp_full_match(peer_a, getvariable('cdr_extension_pattern')), false) as a_is_extension,
    coalesce(lower(tech_b) <> 'local' and regexp_full_match(peer_b, getvariable('cdr_extension_pattern')), false) as b_is_extension,
    regexp_full_match(dst, getvariable('cdr_extension_pattern')) as dst_is_extension
  from channels
),

calls as (
  select
    call_key,
    arg_min(dcontext, (started, batch, _line)) as first_context,
    arg_min(src, (started, batch, _line)) as first_src,
    arg_min(dst, (started, batch, _line)) as first_dst,
    arg_min(disposition, (started, batch, _line)) as first_disposition,
    arg_min(case when a_is_extension then peer_a end, (started, batch, _line)) as calling_extension,
    -- The dst of the row written first.
    arg_min_null(dst_is_extension, (batch, _line)) as first_dst_is_extension,
    min(started) as started_at,
    max(ended) as ended_at,
    min(_line) filter (where batch = 1) as first_line,
    -- Offered to a person: a row that dialled or queued someone (a ring group's Local/ legs too).
    bool_or(coalesce(dstchannel, '') <> '' or lastapp in ('Dial', 'Queue')) as offered
  from flagged
  group by call_key
),

directed as (
  select
    *,
    case
      when list_contains(getvariable('cdr_inbound_contexts'), first_context) then 'inbound'
      when list_contains(getvariable('cdr_outbound_contexts'), first_context) and not coalesce(first_dst_is_extension, false) then 'outbound'
      when list_contains(getvariable('cdr_outbound_contexts'), first_context) then 'internal'
    end as direction
  from calls
),

agent_rows as (
  -- ANSWERED rows between the customer and an agent: the customer's side bridged to an
  -- extension (inbound, and after a transfer in either direction), or an agent's extension
  -- dialling out. An extension with an extension is an agent consulting another before a
  -- transfer: no customer leg.
  select
    flagged.*,
    directed.direction,
    flagged.a_is_extension as agent_dials,
    min(flagged.answered) filter (where flagged.a_is_extension) over (partition by flagged.call_key) as first_dial_answered
  from flagged
  join directed using (call_key)
  where flagged.disposition = 'ANSWERED'
    and flagged.answered is not null
    and (
      (flagged.b_is_extension and not flagged.a_is_extension)
      or (directed.direction = 'outbound' and flagged.a_is_extension and not flagged.b_is_extension)
    )
),

agent_legs as (
  -- An outbound call's customer side reaches an agent only by a transfer, after the agent
  -- who dialled was answered.
  select
    call_key,
    case when batch = 1 then _line end as _line,
    started,
    answered,
    ended,
    case when agent_dials then peer_a else peer_b end as agent_id,
    row_number() over (partition by call_key order by answered, batch, _line) as leg_no,
    count(*) over (partition by call_key) as legs
  from agent_rows
  where direction = 'inbound' or agent_dials or answered >= first_dial_answered
),

answered_legs as (
  select
    case when leg_no = 1 then directed.call_key else directed.call_key || '#' || leg_no end as call_id,
    directed.direction,
    agent_legs.agent_id,
    case when directed.direction = 'inbound' then directed.first_src else directed.first_dst end as customer_number,
    case when directed.direction = 'inbound' then directed.first_src end as caller_id,
    -- The first leg waited from the call's start; a transferred leg from its own.
    case when leg_no = 1 then directed.started_at else agent_legs.started end as started_at,
    agent_legs.answered as answered_at,
    case when leg_no = legs then greatest(agent_legs.ended, directed.ended_at) else agent_legs.ended end as ended_at,
    leg_no < legs as transferred,
    case when leg_no = 2 then directed.call_key when leg_no > 2 then directed.call_key || '#' || (leg_no - 1) end as previous_call_id,
    null as disposition,
    null as skip_reason,
    coalesce(agent_legs._line, directed.first_line) as _line
  from agent_legs
  join directed using (call_key)
),

unanswered as (
  select
    call_key as call_id,
    direction,
    case when direction = 'outbound' then calling_extension end as agent_id,
    case when direction = 'inbound' then first_src else first_dst end as customer_number,
    case when direction = 'inbound' then first_src end as caller_id,
    started_at,
    null::timestamptz as answered_at,
    ended_at,
    false as transferred,
    null as previous_call_id,
    case when direction = 'outbound' then
      case first_disposition when 'NO ANSWER' then 'no_answer' when 'BUSY' then 'busy' end
    end as disposition,
    case
      when direction is null then 'other_context'
      when direction = 'internal' then 'internal'
      when direction = 'inbound' and not offered then 'ivr_only'
    end as skip_reason,
    first_line as _line
  from directed
  where call_key not in (select call_key from agent_legs)
),

final as (
  select * from answered_legs
  union all by name
  select * from unanswered
)

select * from final
