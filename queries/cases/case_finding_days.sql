-- case_finding_days: what cases are built from: per rule, subject and day, the day's
-- strongest finding. Scores are compared by size (a signed drift or z counts by |score|);
-- severity by its rank (3 high, 2 medium, 1 low), never by its text.
-- Undated findings (file problems of data_quality that no day can be given) make no case:
-- they are for whoever loads the files and stay in anomalies only.
-- Grain: one row per (rule, entity_type, entity_id, day).
-- From: anomalies (dated findings), recognition_picks (rule 'recognition', agents, rank 0).
with anomaly_days as (
  select
    rule,
    entity_type,
    entity_id,
    day,
    max(case severity when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end) as severity_rank,
    coalesce(max(abs(score)), 0) as strength,
    count(*) as findings
  from anomalies
  where day is not null
  group by rule, entity_type, entity_id, day
),

recognition_days as (
  select
    'recognition' as rule,
    'agent' as entity_type,
    agent_id as entity_id,
    day,
    0 as severity_rank,
    composite_score as strength,
    1 as findings
  from recognition_picks
),

final as (
  select * from anomaly_days
  union all by name
  select * from recognition_days
)

select * from final
