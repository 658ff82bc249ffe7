-- int_audit_answers: each audit answer with its form item, scored as docs/metrics.md#audit-scores says:
-- earned = points ÷ max_points (null when the item is not applicable: points null);
-- missed = points < max_points (a missed critical item fails the audit or its section).
-- grain: one row per audit and item on the form (answers for items not on the form are left out).
-- from: stg_audits, stg_audit_items. Read by audit_scores and audit_section_scores.

with audits as (
  select * from stg_audits
),

items as (
  select * from stg_audit_items
),

final as (
  select
    audits.audit_id,
    audits.agent_id,
    audits.auditor_id,
    audits.audited_at,
    audits.day,
    audits.call_id,
    audits.calibration_id,
    audits.form_id,
    items.section,
    items.weight,
    items.critical,
    audits.points / items.max_points as earned,
    audits.points < items.max_points as missed
  from audits
  join items using (form_id, item_id)
)

select * from final
