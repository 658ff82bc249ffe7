-- case_fences: the dismissals that split a subject's findings. A dismissed case keeps the
-- days up to its snooze_from (the day before the dismissal): later findings of the same rule
-- and subject never join it, and while it stays dismissed those up to snooze_until that
-- are no worse than it was (see case_days) are snoozed.
-- Grain: one row per case ever dismissed (not merged). From: anomaly_cases.
with dismissed as (
  select
    case_id,
    rule,
    entity_type,
    entity_id,
    snooze_from,
    verdict = 'dismissed' as snoozing,
    snooze_until,
    coalesce(snooze_score, 0) as snooze_score,
    coalesce(snooze_severity_rank, 0) as snooze_severity_rank
  from anomaly_cases
  where snooze_from is not null
    and state <> 'merged'
),

final as (
  select * from dismissed
)

select * from final
