-- due_cases: the cases whose deadline is the report day or has passed, for the manager:
-- confirmed cases whose action is owed (due action_due_days after the confirmation) and
-- rewards to give (reward_due_days). An actioned or dismissed case owes nothing.
-- deadline: 'overdue' (due before $day) or 'due_today'; reviewed_by: who set the verdict;
-- entity: the subject as the reports name it (an agent by name and id, another subject by its
-- id; entity_type says what it is); page: the report listing the case (rewards
-- are on the coaching report, anomaly cases on the anomalies report).
-- Overdue first, longest overdue first, then by severity rank (high > medium > low).
-- grain: one row per case due. from: anomaly_cases, case_events, dim_agents.
with owed as (
  select *
  from anomaly_cases
  where verdict in ('confirmed', 'reward')
    and due <= cast($day as date)
    and state <> 'merged'
),

verdict_setters as (
  select case_id, "by" as reviewed_by
  from case_events
  where field = 'verdict'
  qualify row_number() over (partition by case_id order by event_id desc) = 1
),

final as (
  select
    owed.case_id,
    case when owed.due < cast($day as date) then 'overdue' else 'due_today' end as deadline,
    cast($day as date) - owed.due as days_overdue,
    owed.due,
    owed.verdict,
    owed.rule,
    owed.entity_type,
    owed.entity_id,
    case
      when owed.entity_type = 'agent' then agent_label(agents.name, owed.entity_id)
      else owed.entity_id
    end as entity,
    case when owed.rule = 'recognition' then 'coaching.html' else 'anomalies.html' end as page,
    owed.state,
    owed.peak_severity,
    owed.peak_severity_rank,
    owed.peak_score,
    owed.first_seen,
    owed.last_seen,
    verdict_setters.reviewed_by
  from owed
  left join verdict_setters using (case_id)
  left join dim_agents as agents
    on owed.entity_type = 'agent'
   and agents.agent_id = owed.entity_id
)

select * from final
order by days_overdue desc, peak_severity_rank desc, case_id
