-- audit_section_scores: the audit score formula applied within each section of the form:
-- 100 × Σ(weight × earned) ÷ Σ weight over the section's applicable items, 0 when a critical
-- item of that section is missed.
-- grain: one row per audit and section with at least one applicable item.
-- from: int_audit_answers (agent_id and day carried for the coaching heat map).
-- unique: audit_id, section
-- not null: audit_id, section, score, agent_id, day

with answers as (
  -- applicable items only
  select * from int_audit_answers where earned is not null
),

final as (
  select
    audit_id,
    section,
    case
      when bool_or(critical and missed) then 0
      else 100 * sum(exact(weight * earned)) / sum(exact(weight))
    end as score,
    min(agent_id) as agent_id,
    min(day) as day
  from answers
  group by audit_id, section
)

select * from final
