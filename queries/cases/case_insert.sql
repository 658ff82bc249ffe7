-- case_insert: the cases this rebuild raised, as rows of anomaly_cases. From: case_next.
select
  case_id,
  rule,
  entity_type,
  entity_id,
  first_seen,
  last_seen,
  days_active,
  episodes,
  findings,
  state,
  as_of,
  peak_severity,
  peak_severity_rank,
  peak_score,
  merged_into,
  snoozed_findings,
  last_snoozed,
  verdict,
  due
from case_next
where is_new
