-- audit_section_scores: the audit score formula applied within each section of the form:
-- 100 × Σ(weight × earned) ÷ Σ weight over the section's applicable items, 0 when a critical
-- item of that section is missed.
-- grain: one row per audit and section with at least one applicable item.
-- from: stg_audits, stg_audit_items (agent_id and day carried for the coaching heat map).
-- unique: audit_id, section
-- not null: audit_id, section, score, agent_id, day

with audits as (
  select * from stg_audits
),

items as (
  select * from stg_audit_items
),

answers as (
  select
    audits.audit_id,
    audits.agent_id,
    audits.day,
    items.section,
    items.weight,
    items.critical,
    audits.points / items.max_points as earned,
    audits.points < items.max_points as missed
  from audits
  join items using (form_id, item_id)
  where audits.points is not null
),

final as (
  select
    audit_id,
    section,
    case
      when bool_or(critical and missed) then 0
      else 100 * sum(weight * earned) / sum(weight)
    end as score,
    min(agent_id) as agent_id,
    min(day) as day
  from answers
  group by audit_id, section
)

select * from final
