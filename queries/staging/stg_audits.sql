-- stg_audits: audit answers, one per audit and item; points null = not applicable.
-- grain: one row per audit and item.
-- from: audits.
-- unique: audit_id, item_id
-- not null: audit_id, item_id, agent_id, auditor_id, audited_at, day

select
  audit_id,
  form_id,
  agent_id,
  auditor_id,
  audited_at,
  channel,
  call_id,
  calibration_id,
  item_id,
  points,
  cast(audited_at as date) as day,
  load_id
from audits
