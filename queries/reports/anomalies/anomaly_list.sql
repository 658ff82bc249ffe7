-- anomaly_list: the anomalies of the report day and the 6 days before it, plus file problems
-- that have no day, with the team and agent they concern (directly, or through their call)
-- so the audit desk can filter by them.
-- grain: one row per anomaly. from: anomalies, call_facts, agents.
with found as (
  select * from anomalies
  where day between $week_start and $day
     or day is null
),

calls as (
  select call_id, agent_id, team from call_facts
),

agents as (
  select agent_id, name, team from agents
),

with_agent as (
  select
    found.*,
    case
      when found.entity_type = 'agent' then found.entity_id
      else calls.agent_id
    end as concerned_agent_id,
    calls.team as call_team
  from found
  left join calls
    on found.entity_type = 'call'
   and calls.call_id = found.entity_id
),

final as (
  select
    with_agent.anomaly_id,
    with_agent.day,
    with_agent.severity,
    with_agent.rule,
    coalesce(
      case when with_agent.entity_type = 'team' then with_agent.entity_id end,
      with_agent.call_team,
      agents.team
    ) as team,
    case
      when with_agent.concerned_agent_id is not null
        then agent_label(agents.name, with_agent.concerned_agent_id)
    end as agent,
    with_agent.entity_type,
    with_agent.entity_id,
    with_agent.entity_type || ' ' || with_agent.entity_id as entity,
    with_agent.metric,
    with_agent.value,
    with_agent.baseline,
    with_agent.score,
    with_agent.explanation,
    with_agent.evidence,
    list_position(['high', 'medium', 'low'], with_agent.severity) as severity_order
  from with_agent
  left join agents
    on agents.agent_id = with_agent.concerned_agent_id
)

select * from final
order by day desc nulls last, severity_order, score desc nulls last, anomaly_id
