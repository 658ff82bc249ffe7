-- auditor_calibration: how far each auditor scores from their peers on the same interaction
-- (docs/metrics.md#calibration). Within a calibration_id scored by at least two auditors, an
-- auditor's deviation = their audit score − the mean score of the group (an auditor with
-- several audits in one group counts with the mean of them); bias = mean deviation over
-- their groups.
-- grain: one row per auditor with at least one such group.
-- from: audit_scores.
-- unique: auditor_id
-- not null: auditor_id, groups, bias

with audit_scores as (
  select * from audit_scores
  where calibration_id is not null
    and audit_score is not null
),

groups as (
  select
    calibration_id,
    avg(exact(audit_score)) as group_mean
  from audit_scores
  group by calibration_id
  having count(distinct auditor_id) >= 2
),

auditor_groups as (
  select
    audit_scores.auditor_id,
    audit_scores.calibration_id,
    avg(exact(audit_scores.audit_score)) - any_value(groups.group_mean) as deviation
  from audit_scores
  join groups using (calibration_id)
  group by audit_scores.auditor_id, audit_scores.calibration_id
),

final as (
  select
    auditor_id,
    count(*) as groups,
    avg(exact(deviation)) as bias
  from auditor_groups
  group by auditor_id
)

select * from final
