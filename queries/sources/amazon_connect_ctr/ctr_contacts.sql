-- ctr_contacts: Amazon Connect contact records (format 2017-03-10), the fields callq reads,
-- typed; each record once, the latest copy of a contact re-delivered within the file.
-- grain: one row per record of the file (superseded copies flagged, not dropped).
-- from: temp table ctr_records (_line, fields, and json, the record's text, kept only when a
--   mapping reads more of it): one record a row, as the file had it, and its fields as macro
--   ctr_fields (ctr_fields.sql) took them from the text while it was read.
-- Field paths and meanings: Amazon Connect's contact records data model
-- (docs/sources/amazon-connect.md). Timestamps are ISO 8601 in UTC; durations are seconds.

with records as (
  select * from ctr_records
),

typed as (
  select
    _line,
    f[1] as contact_id,
    upper(f[2]) as channel,
    upper(f[3]) as initiation_method,
    try_cast(f[4] as timestamptz) as initiated_at,
    try_cast(f[5] as timestamptz) as connected_to_system_at,
    try_cast(f[6] as timestamptz) as disconnected_at,
    try_cast(f[7] as timestamptz) as last_update,
    upper(f[8]) as disconnect_reason,
    f[9] as previous_contact_id,
    f[10] as next_contact_id,
    f[11] as agent_username,
    try_cast(f[12] as timestamptz) as connected_to_agent_at,
    try_cast(f[13] as double) as agent_interaction_s,
    try_cast(f[14] as double) as customer_hold_s,
    try_cast(f[15] as double) as after_contact_work_s,
    f[16] as queue_name,
    f[17] as queue_arn,
    try_cast(f[18] as timestamptz) as enqueued_at,
    try_cast(f[19] as timestamptz) as dequeued_at,
    f[20] as customer_address,
    f[21] as transferred_to,
    f[22] as transfer_completed
  from (select _line, fields as f from records)
),

final as (
  select
    *,
    -- The latest copy wins; of two copies with the same LastUpdateTimestamp, the later line.
    row_number() over (partition by contact_id order by last_update desc nulls last, _line desc) > 1 as superseded_in_file
  from typed
)

select * from final
