-- int_calls_measured: every call with its durations and outcome flags (docs/metrics.md#call-level-measures).
-- grain: one row per call.
-- from: stg_calls, stg_agents; parameters short_abandon_s and answer_target_s (bound variables).
-- connected_ms is the clip limit of the call's speech timeline.
-- Legs: a transfer's later leg names the leg it continues (previous_call_id). The customer
-- is counted once per call, on its first leg (first_leg); a later leg that waited in a queue
-- again is offered to that queue (offered_to_queue); a direct transfer to an agent (no
-- queue) is offered nowhere. Agents are measured on every leg they handled.
-- unique: call_id
-- not null: call_id, day, answered, wait_s

with calls as (
  select * from stg_calls
),

agents as (
  select * from stg_agents
),

timed as (
  select
    calls.*,
    agents.team,
    answered_at is not null as answered,
    epoch(coalesce(answered_at, ended_at)) - epoch(started_at) as wait_s,
    epoch(ended_at) - epoch(answered_at) as connected_s,
    epoch_ms(ended_at) - epoch_ms(answered_at) as connected_ms
  from calls
  left join agents using (agent_id)
),

final as (
  select
    call_id,
    day,
    hour,
    started_at,
    direction,
    agent_id,
    team,
    queue,
    campaign_id,
    customer_key,
    wait_s,
    connected_s,
    connected_s - hold_s as talk_s,
    connected_s + acw_s as handle_s,
    connected_ms,
    answered,
    previous_call_id,
    previous_call_id is null as first_leg,
    previous_call_id is null or queue is not null as offered_to_queue,
    direction = 'inbound' and not answered
      and wait_s >= getvariable('short_abandon_s') as abandoned,
    direction = 'inbound' and not answered
      and wait_s < getvariable('short_abandon_s') as short_abandon,
    case when direction = 'inbound'
      then answered and wait_s <= getvariable('answer_target_s')
    end as within_target,
    direction = 'outbound' and answered
      and disposition in ('interested', 'callback', 'sale') as interested,
    direction = 'outbound' and answered and disposition = 'sale' as sale,
    case when direction = 'outbound' and answered and disposition = 'sale'
      then coalesce(sale_amount, 0)
    end as sale_amount,
    disposition,
    lead_grade,
    customer_tier,
    transferred,
    disconnect_party,
    -- The agent hung up an answered call first; null when the source does not say who hung up.
    answered and disconnect_party = 'agent' as agent_hung_up
  from timed
)

select * from final
