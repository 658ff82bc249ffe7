-- case_update: writes the rebuilt columns of case_next onto the stored cases. The review
-- columns (verdict, due, snooze_*) stay as the desk's reviews set them.
update anomaly_cases
set
  first_seen = next.first_seen,
  last_seen = next.last_seen,
  days_active = next.days_active,
  episodes = next.episodes,
  findings = next.findings,
  state = next.state,
  as_of = next.as_of,
  peak_severity = next.peak_severity,
  peak_severity_rank = next.peak_severity_rank,
  peak_score = next.peak_score,
  merged_into = next.merged_into,
  snoozed_findings = next.snoozed_findings,
  last_snoozed = next.last_snoozed
from case_next as next
where anomaly_cases.case_id = next.case_id
  and not next.is_new
