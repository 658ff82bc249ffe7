-- score_divergence: an agent whom customers and auditors judge very differently — top
-- survey scores with bottom audit scores (surveys gamed, or audits too kind to others) or
-- the reverse (an auditor's grudge, or a form that misses what customers value).
-- Window: the $window_days days ending on $to. Agents with >= $min_surveys CSAT answers
-- on their calls and >= $min_audits audits are ranked on each (percent rank, 0 = lowest,
-- 1 = highest) within their team — customers of a sales team and of a service team do not
-- score alike — or within the whole centre when fewer than $min_agents of their team
-- qualify; gap = CSAT rank − audit rank. Fires when |gap| >= $min_rank_gap, with at least
-- $min_agents agents ranked (ranks among fewer mean little).
-- Grain: one row per agent, written on the window's last day $to.
-- From: call_facts, stg_surveys, audit_scores, dim_agents. value: the gap; baseline: 0; score: the gap.

with window_surveys as (
  select c.agent_id, s.survey_id, s.csat
  from stg_surveys as s
  join call_facts as c using (call_id)
  where c.day between cast($to as date) - $window_days + 1 and cast($to as date)
    and c.agent_id is not null
    and s.csat is not null
),

window_audits as (
  select audit_id, agent_id, audit_score
  from audit_scores
  where day between cast($to as date) - $window_days + 1 and cast($to as date)
    and audit_score is not null
),

survey_means as (
  select agent_id, avg(csat) as csat_mean, count(*) as surveys
  from window_surveys
  group by agent_id
  having count(*) >= $min_surveys
),

audit_means as (
  select agent_id, avg(audit_score) as audit_score, count(*) as audits
  from window_audits
  group by agent_id
  having count(*) >= $min_audits
),

scored_agents as (
  select s.*, a.audit_score, a.audits, g.team
  from survey_means as s
  join audit_means as a using (agent_id)
  left join dim_agents as g using (agent_id)
),

rank_groups as (
  -- The team when it has enough scored agents, else the whole centre.
  select *, case when team is not null and count(*) over (partition by team) >= $min_agents then team else '(centre)' end as rank_group
  from scored_agents
),

ranked as (
  select
    *,
    percent_rank() over (partition by rank_group order by csat_mean) as csat_rank,
    percent_rank() over (partition by rank_group order by audit_score) as audit_rank,
    rank() over (partition by rank_group order by csat_mean desc) as csat_place,
    rank() over (partition by rank_group order by audit_score desc) as audit_place,
    count(*) over (partition by rank_group) as agents_ranked
  from rank_groups
),

divergent as (
  select *, csat_rank - audit_rank as gap
  from ranked
  where agents_ranked >= $min_agents
    and abs(csat_rank - audit_rank) >= $min_rank_gap
),

evidence as (
  select d.agent_id, list(a.audit_id order by case when d.gap > 0 then a.audit_score else -a.audit_score end, a.audit_id)[1:10] as ids
  from divergent as d join window_audits as a using (agent_id)
  group by d.agent_id, d.gap
  union all
  select d.agent_id, list(s.survey_id order by case when d.gap > 0 then -s.csat else s.csat end, s.survey_id)[1:10]
  from divergent as d join window_surveys as s using (agent_id)
  group by d.agent_id, d.gap
),

final as (
  select
    anomaly_id('score_divergence', 'agent', d.agent_id, cast($to as date), 'csat_vs_audit_rank_gap') as anomaly_id,
    'score_divergence' as rule,
    case when abs(d.gap) >= 0.8 then 'high' else 'medium' end as severity,
    'agent' as entity_type,
    d.agent_id as entity_id,
    cast($to as date) as day,
    'csat_vs_audit_rank_gap' as metric,
    d.gap as value,
    0 as baseline,
    d.gap as score,
    json_object('window_days', $window_days, 'to', cast($to as date), 'agent', d.agent_id, 'csat_place', d.csat_place,
      'agents', d.agents_ranked, 'team', case when d.rank_group <> '(centre)' then d.team end, 'csat', d.csat_mean,
      'surveys', d.surveys, 'audit_place', d.audit_place, 'audit', d.audit_score, 'audits', d.audits) as explanation_args,
    evidence_list(flatten(list(e.ids))) as evidence
  from divergent as d
  join evidence as e using (agent_id)
  group by all
)

select * from final
