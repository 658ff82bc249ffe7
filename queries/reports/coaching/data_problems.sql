-- data_problems: agents with records in the trainers' window ($window_start .. $day) who are
-- left out of the ranking (agg_agent_window_stats ranks only agents of `agents` with answered
-- calls), so the page lists them apart instead of silently: the reason, and the records
-- found. reason: 'not_in_agents' (their id is missing from the agents list: no name, no team),
-- else 'no_answered_calls'. Missing from `agents` first, then by agent id.
-- grain: one row per agent left out. from: call_facts, audit_section_scores (the audits with an
-- applicable item, as audit_scores counts them), complaint_facts, agents.
with calls as (
  select
    agent_id,
    count(*) as calls,
    count(*) filter (where answered) as answered
  from call_facts
  where day between $window_start and $day
    and agent_id is not null
  group by agent_id
),

audits as (
  select agent_id, count(distinct audit_id) as audits
  from audit_section_scores
  where day between $window_start and $day
  group by agent_id
),

complaints as (
  select agent_id, count(*) as complaints
  from complaint_facts
  where day between $window_start and $day
    and agent_id is not null
  group by agent_id
),

activity as (
  select
    agent_id,
    coalesce(calls.calls, 0) as calls,
    coalesce(calls.answered, 0) as answered,
    coalesce(audits.audits, 0) as audits,
    coalesce(complaints.complaints, 0) as complaints
  from calls
  full join audits using (agent_id)
  full join complaints using (agent_id)
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    activity.agent_id,
    agent_label(agents.name, activity.agent_id) as agent,
    case when agents.agent_id is null then 'not_in_agents' else 'no_answered_calls' end as reason,
    activity.calls,
    activity.answered,
    activity.audits,
    activity.complaints
  from activity
  left join agents using (agent_id)
  where agents.agent_id is null
     or activity.answered = 0
)

select * from final
order by reason = 'not_in_agents' desc, agent_id
