-- audit_scores: one score per audit (docs/metrics.md#audit-scores). Each applicable item earns
-- points ÷ max_points; audit_score = 100 × Σ(weight × earned) ÷ Σ weight over the applicable
-- items (points null = not applicable, left out). A critical item with points < max_points
-- fails the audit: audit_score = 0 and critical_fail = true.
-- grain: one row per audit (day = local date of audited_at).
-- from: int_audit_answers (answers for items not on the form are left out there).
-- audit_score is null when no item applies.
-- unique: audit_id
-- not null: audit_id, agent_id, auditor_id, day, critical_fail, applicable_items

with answers as (
  select * from int_audit_answers
),

scored as (
  select
    audit_id,
    min(agent_id) as agent_id,
    min(auditor_id) as auditor_id,
    min(audited_at) as audited_at,
    min(call_id) as call_id,
    min(calibration_id) as calibration_id,
    min(form_id) as form_id,
    count(earned) as applicable_items,
    100 * sum(exact(weight * earned)) / sum(exact(weight)) filter (where earned is not null) as weighted_score,
    coalesce(bool_or(critical and missed), false) as critical_fail
  from answers
  group by audit_id
),

final as (
  select
    audit_id,
    agent_id,
    auditor_id,
    cast(audited_at as date) as day,
    case when critical_fail then 0 else weighted_score end as audit_score,
    critical_fail,
    applicable_items,
    form_id,
    call_id,
    calibration_id
  from scored
)

select * from final
