-- case_days: each day of case_finding_days with the dismissal that snoozes it, if any, and
-- its segment: how many dismissals of the same rule and subject lie before it (a case never
-- spans two segments).
-- Snoozed: after a dismissed case's snooze_from, up to its snooze_until, and no worse than
-- it was: severity no higher and |score| at most (1 + $snooze_margin) times its peak.
-- Grain: one row per (rule, entity_type, entity_id, day). From: case_finding_days, case_fences.
with finding_days as (
  select * from case_finding_days
),

fences as (
  select * from case_fences
),

snoozes as (
  select
    finding_days.rule,
    finding_days.entity_type,
    finding_days.entity_id,
    finding_days.day,
    min(fences.case_id) as snoozed_by
  from finding_days
  join fences using (rule, entity_type, entity_id)
  where fences.snoozing
    and finding_days.day > fences.snooze_from
    and finding_days.day <= fences.snooze_until
    and finding_days.severity_rank <= fences.snooze_severity_rank
    and finding_days.strength <= fences.snooze_score * (1 + $snooze_margin)
  group by all
),

segments as (
  select
    finding_days.rule,
    finding_days.entity_type,
    finding_days.entity_id,
    finding_days.day,
    count(fences.case_id) as segment
  from finding_days
  left join fences
    on fences.rule = finding_days.rule
   and fences.entity_type = finding_days.entity_type
   and fences.entity_id = finding_days.entity_id
   and fences.snooze_from < finding_days.day
  group by all
),

final as (
  select
    finding_days.*,
    snoozes.snoozed_by,
    segments.segment
  from finding_days
  join segments using (rule, entity_type, entity_id, day)
  left join snoozes using (rule, entity_type, entity_id, day)
)

select * from final
