-- review_update: writes each review's verdict, deadline and snooze onto its case.
update anomaly_cases
set
  verdict = changes.verdict_to,
  due = changes.due_to,
  snooze_from = changes.snooze_from,
  snooze_until = changes.snooze_until,
  snooze_score = changes.snooze_score,
  snooze_severity_rank = changes.snooze_severity_rank
from review_changes as changes
where anomaly_cases.case_id = changes.case_id
