-- ctr_calls: voice contacts of Amazon Connect as call legs, and why any other record is not one.
-- grain: one row per contact of the file that is not superseded (skip_reason null: a leg).
-- from: temp table ctr_contacts; contact_versions (copies loaded from earlier files);
--   contact_queue_moves (queue moves of earlier files, for a wait that started there).
-- Definitions (docs/sources/amazon-connect.md; Amazon Connect contact records data model):
--   inbound started_at = Queue.EnqueueTimestamp (InitiationTimestamp includes IVR time),
--   outbound, callback and API started_at = InitiationTimestamp; answered_at =
--   Agent.ConnectedToAgentTimestamp inbound, ConnectedToSystemTimestamp outbound; ended_at =
--   answered_at + AgentInteractionDuration + CustomerHoldDuration (DisconnectTimestamp is
--   late after an external transfer), else the dequeue, else the disconnect.
--   A contact a flow moved to another queue (no agent, a next contact) is neither a call nor
--   an abandon: the next contact's wait starts at the first enqueue.

with contacts as (
  select * from ctr_contacts
  where not superseded_in_file
),

versions as (
  select * from contact_versions
),

current_copies as (
  -- A copy no newer than the one already loaded changes nothing.
  select
    contacts.*,
    coalesce(versions.last_update >= contacts.last_update, false) as superseded
  from contacts
  left join versions using (contact_id)
),

classified as (
  select
    *,
    case
      when superseded then 'superseded'
      when channel is distinct from 'VOICE' then 'not_voice'
      when initiation_method = 'MONITOR' then 'monitor'
      when agent_username is null and queue_name is null then 'no_queue_or_agent'
      when agent_username is null and next_contact_id is not null then 'queue_move'
    end as skip_reason,
    initiation_method in ('OUTBOUND', 'CALLBACK', 'API', 'EXTERNAL_OUTBOUND') as outbound
  from current_copies
),

moves as (
  select contact_id, previous_contact_id, next_contact_id, enqueued_at, initiation_method
  from classified
  where skip_reason = 'queue_move'
),

move_starts as (
  -- A move's wait began at the first enqueue of its chain of moves.
  with recursive chain(contact_id, first_enqueue, depth) as (
    select moves.contact_id, coalesce(earlier.first_enqueue, moves.enqueued_at), 0
    from moves
    left join contact_queue_moves earlier on earlier.contact_id = moves.previous_contact_id
    union all
    select moves.contact_id, chain.first_enqueue, chain.depth + 1
    from chain
    join moves on moves.previous_contact_id = chain.contact_id and moves.initiation_method = 'QUEUE_TRANSFER'
    where chain.depth < 20
  )
  select contact_id, arg_max(first_enqueue, depth) as first_enqueue
  from chain
  group by contact_id
),

all_moves as (
  select contact_id, first_enqueue from move_starts
  union all
  select contact_id, first_enqueue from contact_queue_moves
  where contact_id not in (select contact_id from move_starts)
),

timed as (
  select
    classified.*,
    case
      when outbound then initiated_at
      when initiation_method = 'QUEUE_TRANSFER' and all_moves.first_enqueue is not null then all_moves.first_enqueue
      else coalesce(enqueued_at, initiated_at)
    end as started_at,
    case when outbound then connected_to_system_at else connected_to_agent_at end as answered_at
  from classified
  left join all_moves on all_moves.contact_id = classified.previous_contact_id
),

final as (
  select
    contact_id as call_id,
    case when outbound then 'outbound' else 'inbound' end as direction,
    agent_username as agent_id,
    queue_name as queue,
    customer_address as customer_number,
    case when not outbound then customer_address end as caller_id,
    started_at,
    answered_at,
    case
      when answered_at is not null
        then answered_at + to_microseconds(cast(round(1e6 * (coalesce(agent_interaction_s, 0) + coalesce(customer_hold_s, 0))) as bigint))
      else coalesce(dequeued_at, disconnected_at)
    end as ended_at,
    customer_hold_s as hold_s,
    after_contact_work_s as acw_s,
    case
      when disconnect_reason is null then null
      when disconnect_reason = 'CUSTOMER_DISCONNECT' then 'customer'
      when disconnect_reason = 'AGENT_DISCONNECT' then 'agent'
      else 'system'
    end as disconnect_party,
    next_contact_id is not null or transferred_to is not null as transferred,
    case
      when initiation_method = 'TRANSFER'
        and previous_contact_id not in (select contact_id from all_moves) then previous_contact_id
    end as previous_call_id,
    skip_reason,
    channel,
    last_update,
    next_contact_id,
    previous_contact_id,
    enqueued_at,
    _line
  from timed
)

select * from final
