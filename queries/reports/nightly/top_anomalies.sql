-- top_anomalies: the report day's strongest anomalies (high severity first, then by score),
-- each linking to its case in anomalies.html (the case whose rule, subject and days hold
-- it); an agent is named as on the other pages, another subject by its id (entity_type
-- says what it is, in the page's language). A finding a dismissal snoozed belongs to no
-- case and is not listed: the desk has seen it already. explanation_args: the facts the
-- page writes each explanation from, in its language.
-- grain: one row per anomaly, at most 10. from: anomalies, anomaly_cases, agents.
with found as (
  select * from anomalies
  where day = $day
),

cases as (
  select case_id, rule, entity_type, entity_id, first_seen, last_seen
  from anomaly_cases
  where state <> 'merged'
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    found.anomaly_id,
    cases.case_id,
    found.severity,
    found.rule,
    case
      when found.entity_type = 'agent'
        then agent_label(agents.name, found.entity_id)
      else found.entity_id
    end as entity,
    found.entity_type,
    explanation_args_of(found) as explanation_args,
    found.score,
    list_position(['high', 'medium', 'low'], found.severity) as severity_order
  from found
  join cases
    on cases.rule = found.rule
   and cases.entity_type = found.entity_type
   and cases.entity_id = found.entity_id
   and found.day between cases.first_seen and cases.last_seen
  left join agents
    on found.entity_type = 'agent'
   and agents.agent_id = found.entity_id
)

select * from final
order by severity_order, score desc nulls last, anomaly_id
limit 10
