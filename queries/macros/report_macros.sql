-- report_macros: the small formulas the report queries of queries/reports/ share, defined
-- once as temp macros before they run (with metric_macros.sql, for safe_ratio).
-- agent_label: how a report names an agent, 'Name (A01)', or ' (A01)' without a name.

create or replace temp macro agent_label(name, agent_id) as
  coalesce(name, '') || ' (' || agent_id || ')';
