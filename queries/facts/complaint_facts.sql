-- complaint_facts: one row per complaint with its response and resolution times, its SLA
-- by severity and the closed-loop, reopen and escalation flags (docs/metrics.md#per-complaint).
-- grain: one row per complaint (day = local date it was opened).
-- from: stg_complaints, stg_agents; parameters sla_h_high, sla_h_medium, sla_h_low.
-- within_sla is false while unresolved and null when the severity is unknown (no deadline).
-- closed_loop: resolved, and a follow-up call came at or after the resolution.
-- unique: complaint_id
-- not null: complaint_id, day, opened_at, resolved, closed_loop, reopened, escalated

with complaints as (
  select * from stg_complaints
),

agents as (
  select * from stg_agents
),

timed as (
  select
    complaints.*,
    agents.team,
    (epoch(first_response_at) - epoch(opened_at)) / 3600 as first_response_h,
    (epoch(resolved_at) - epoch(opened_at)) / 3600 as resolve_h,
    case severity
      when 'high' then getvariable('sla_h_high')
      when 'medium' then getvariable('sla_h_medium')
      when 'low' then getvariable('sla_h_low')
    end::double as sla_h
  from complaints
  left join agents using (agent_id)
),

final as (
  select
    complaint_id,
    day,
    opened_at,
    agent_id,
    team,
    call_id,
    customer_id,
    category,
    severity,
    first_response_h,
    resolve_h,
    sla_h,
    resolved_at is not null as resolved,
    case
      when resolved_at is null then false
      when sla_h is not null then resolve_h <= sla_h
    end as within_sla,
    resolved_at is not null and coalesce(follow_up_at >= resolved_at, false) as closed_loop,
    reopened_count > 0 as reopened,
    escalated,
    resolved_at
  from timed
)

select * from final
