-- ql_orphan_rejects: call events (other than DID and INFO) of a callid that never entered a
-- queue, in this file or among the calls earlier files left open, as rejects.
-- grain: one row per such line.
-- from: temp view ql_rejected_lines (those lines as written, from ql_fields: callid,
--   event, raw).

with final as (
  select
    line,
    'callid' as "column",
    'event ' || upper(event) || ' for a call that never entered a queue (no ENTERQUEUE for callid ' || callid || ')' as reason,
    callid as value,
    raw
  from ql_rejected_lines
)

select * from final
