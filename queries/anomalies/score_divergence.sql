-- score_divergence: an agent whom customers and auditors judge very differently — top
-- survey scores with bottom audit scores (surveys gamed, or audits too kind to others) or
-- the reverse (an auditor's grudge, or a form that misses what customers value).
-- Window: the $window_days days ending on $to. Agents with >= $min_surveys CSAT answers
-- on their calls and >= $min_audits audits are ranked on their window means of each
-- (window_csat_mean, window_audit_mean) by percentile (csat_percentile, audit_percentile:
-- percent rank, 0 = lowest, 1 = highest) within their team — customers of a sales team and
-- of a service team do not score alike — or within the whole centre when fewer than
-- $min_agents of their team qualify; gap = CSAT percentile − audit percentile. Fires when
-- |gap| >= $min_rank_gap, with at least $min_agents agents ranked (ranks among fewer mean
-- little). Named apart from the measures csat_mean, audit_score (daily) and csat_rank,
-- audit_rank (trainer ranking, over shrunk values): other windows, other figures.
-- Grain: one row per agent, written on the window's last day $to.
-- From: call_facts, stg_surveys, audit_scores, dim_agents. value: the gap; baseline: 0; score: the gap.

with window_surveys as (
  select call_facts.agent_id, stg_surveys.survey_id, stg_surveys.csat
  from stg_surveys
  join call_facts using (call_id)
  where call_facts.day between cast($to as date) - $window_days + 1 and cast($to as date)
    and call_facts.agent_id is not null
    and stg_surveys.csat is not null
),

window_audits as (
  select audit_id, agent_id, audit_score
  from audit_scores
  where day between cast($to as date) - $window_days + 1 and cast($to as date)
    and audit_score is not null
),

survey_means as (
  select agent_id, avg(csat) as window_csat_mean, count(*) as surveys
  from window_surveys
  group by agent_id
  having count(*) >= $min_surveys
),

audit_means as (
  select agent_id, avg(audit_score) as window_audit_mean, count(*) as audits
  from window_audits
  group by agent_id
  having count(*) >= $min_audits
),

scored_agents as (
  select survey_means.*, audit_means.window_audit_mean, audit_means.audits, dim_agents.team
  from survey_means
  join audit_means using (agent_id)
  left join dim_agents using (agent_id)
),

rank_groups as (
  -- The team when it has enough scored agents, else the whole centre.
  select *, case when team is not null and count(*) over (partition by team) >= $min_agents then team else '(centre)' end as rank_group
  from scored_agents
),

ranked as (
  select
    *,
    percent_rank() over (partition by rank_group order by window_csat_mean) as csat_percentile,
    percent_rank() over (partition by rank_group order by window_audit_mean) as audit_percentile,
    rank() over (partition by rank_group order by window_csat_mean desc) as csat_place,
    rank() over (partition by rank_group order by window_audit_mean desc) as audit_place,
    count(*) over (partition by rank_group) as agents_ranked
  from rank_groups
),

divergent as (
  select *, csat_percentile - audit_percentile as gap
  from ranked
  where agents_ranked >= $min_agents
    and abs(csat_percentile - audit_percentile) >= $min_rank_gap
),

evidence as (
  select
    divergent.agent_id,
    list(window_audits.audit_id
      order by case when divergent.gap > 0 then window_audits.audit_score else -window_audits.audit_score end, window_audits.audit_id
    )[1:10] as ids
  from divergent join window_audits using (agent_id)
  group by divergent.agent_id, divergent.gap
  union all
  select
    divergent.agent_id,
    list(window_surveys.survey_id
      order by case when divergent.gap > 0 then -window_surveys.csat else window_surveys.csat end, window_surveys.survey_id
    )[1:10]
  from divergent join window_surveys using (agent_id)
  group by divergent.agent_id, divergent.gap
),

final as (
  select
    anomaly_id('score_divergence', 'agent', divergent.agent_id, cast($to as date), 'csat_vs_audit_rank_gap') as anomaly_id,
    'score_divergence' as rule,
    case when abs(divergent.gap) >= 0.8 then 'high' else 'medium' end as severity,
    'agent' as entity_type,
    divergent.agent_id as entity_id,
    cast($to as date) as day,
    'csat_vs_audit_rank_gap' as metric,
    divergent.gap as value,
    0 as baseline,
    divergent.gap as score,
    json_object('window_days', $window_days, 'to', cast($to as date), 'agent', divergent.agent_id, 'csat_place', divergent.csat_place,
      'agents', divergent.agents_ranked, 'team', case when divergent.rank_group <> '(centre)' then divergent.team end, 'csat', divergent.window_csat_mean,
      'surveys', divergent.surveys, 'audit_place', divergent.audit_place, 'audit', divergent.window_audit_mean, 'audits', divergent.audits) as explanation_args,
    evidence_list(flatten(list(evidence.ids))) as evidence
  from divergent
  join evidence using (agent_id)
  group by all
)

select * from final
