-- stg_complaints: complaint tickets with the local day they were opened.
-- grain: one row per complaint.
-- from: complaints.
-- unique: complaint_id
-- not null: complaint_id, opened_at, day

select
  complaint_id,
  customer_id,
  call_id,
  agent_id,
  category,
  severity,
  opened_at,
  first_response_at,
  resolved_at,
  follow_up_at,
  follow_up_satisfied,
  coalesce(escalated, false) as escalated,
  coalesce(reopened_count, 0) as reopened_count,
  cast(opened_at as date) as day
from complaints
