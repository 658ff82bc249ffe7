-- top_anomalies: the report day's strongest anomalies (high severity first, then by score),
-- each linking to its row in anomalies.html; an agent is named as on the other pages.
-- grain: one row per anomaly, at most 10. from: anomalies, agents.
with found as (
  select * from anomalies
  where day = $day
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    found.anomaly_id,
    found.severity,
    found.rule,
    case
      when found.entity_type = 'agent'
        then agent_label(agents.name, found.entity_id)
      else found.entity_type || ' ' || found.entity_id
    end as entity,
    found.explanation,
    found.score,
    list_position(['high', 'medium', 'low'], found.severity) as severity_order
  from found
  left join agents
    on found.entity_type = 'agent'
   and agents.agent_id = found.entity_id
)

select * from final
order by severity_order, score desc nulls last, anomaly_id
limit 10
