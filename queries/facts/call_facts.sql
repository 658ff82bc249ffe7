-- call_facts: one row per call with every call-level measure (docs/metrics.md#call-level-measures): durations,
-- outcome flags, talk-listen from the speech timeline, and first-contact resolution.
-- grain: one row per call (day = local date of started_at, hour = its local hour).
-- from: int_calls_measured, int_talk_listen, int_call_fcr; rows for days in [calls_from, calls_to].
-- Talk-listen columns are null for calls without speech inside their connected time
-- (not answered, or no timeline); fcr is null when unknown (see int_call_fcr).
-- unique: call_id
-- not null: call_id, day, hour, direction, wait_s, answered, abandoned, short_abandon, sale

with calls as (
  select * from int_calls_measured
  where day between getvariable('calls_from') and getvariable('calls_to')
),

talk_listen as (
  select * from int_talk_listen
),

first_contact as (
  select * from int_call_fcr
),

final as (
  select
    calls.call_id,
    calls.day,
    calls.hour,
    calls.started_at,
    calls.direction,
    calls.agent_id,
    calls.team,
    calls.queue,
    calls.campaign_id,
    calls.customer_key,
    calls.wait_s,
    calls.connected_s,
    calls.talk_s,
    calls.handle_s,
    calls.answered,
    calls.previous_call_id,
    calls.first_leg,
    calls.offered_to_queue,
    calls.abandoned,
    calls.short_abandon,
    calls.within_target,
    calls.interested,
    calls.sale,
    calls.sale_amount,
    calls.disposition,
    calls.lead_grade,
    calls.customer_tier,
    calls.transferred,
    calls.disconnect_party,
    calls.agent_hung_up,
    talk_listen.agent_talk_ms,
    talk_listen.customer_talk_ms,
    talk_listen.overlap_ms,
    talk_listen.silence_ms,
    talk_listen.talk_ratio,
    talk_listen.interruptions,
    talk_listen.longest_monologue_ms,
    talk_listen.greeting_ms,
    first_contact.fcr
  from calls
  left join talk_listen using (call_id)
  left join first_contact using (call_id)
)

select * from final
