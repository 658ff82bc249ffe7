-- review_changes: what each review changes on its case.
--   due: the --due given; else, when the verdict becomes confirmed, $today + $action_due_days
--     (the action within a week); when it becomes reward, $today + $reward_due_days; a
--     confirmed or reward case reviewed again with the same verdict keeps its deadline (it
--     runs from the first confirmation); dismissed and actioned cases have none.
--   snooze: when the verdict becomes dismissed, the case is closed (snooze_from, kept from
--     an earlier dismissal) at the day before $today, whose findings the desk has seen, or
--     at its last day if later (a finding of $today itself is detected the night after);
--     it snoozes to $today + $snooze_days at its peak. Otherwise the snooze columns stay as
--     they are (only a dismissed case snoozes).
-- Grain: one row per review. From: review_input, anomaly_cases.
with reviews as (
  select * from review_input
),

cases as (
  select * from anomaly_cases
),

reviewed_cases as (
  select
    reviews.*,
    cases.verdict as current_verdict,
    cases.due as current_due,
    cases.last_seen,
    cases.peak_score,
    cases.peak_severity_rank,
    cases.snooze_from as current_snooze_from,
    cases.snooze_until as current_snooze_until,
    cases.snooze_score as current_snooze_score,
    cases.snooze_severity_rank as current_snooze_severity_rank,
    reviews.verdict = 'dismissed' and cases.verdict is distinct from 'dismissed' as newly_dismissed
  from reviews
  join cases using (case_id)
),

final as (
  select
    case_id,
    "by",
    note,
    current_verdict as verdict_from,
    verdict as verdict_to,
    current_due as due_from,
    case
      when due is not null then due
      when verdict in ('confirmed', 'reward') and verdict is not distinct from current_verdict then current_due
      when verdict = 'confirmed' then cast($today as date) + $action_due_days
      when verdict = 'reward' then cast($today as date) + $reward_due_days
    end as due_to,
    case
      when newly_dismissed then coalesce(current_snooze_from, greatest(last_seen, cast($today as date) - 1))
      else current_snooze_from
    end as snooze_from,
    case when newly_dismissed then cast($today as date) + $snooze_days else current_snooze_until end as snooze_until,
    case when newly_dismissed then peak_score else current_snooze_score end as snooze_score,
    case when newly_dismissed then peak_severity_rank else current_snooze_severity_rank end as snooze_severity_rank
  from reviewed_cases
)

select * from final
