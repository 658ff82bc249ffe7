-- report_macros: the small formulas the report queries of queries/reports/ share, defined
-- once as temp macros before they run (with metric_macros.sql, for safe_ratio).
-- agent_label: how a report names an agent, 'Name (A01)', or ' (A01)' without a name.
-- explanation_args_of(finding): an anomalies row's facts its sentence is written from
--   (src/anomalies/explain.ts); a row of a database made before findings kept them, not
--   migrated yet (a report opens the database read-only), gives its English sentence as
--   {"legacy": sentence}.
-- rule_catalogue_entries / rule_metric_facts: the $rule_catalogue parameter (JSON, from
--   src/anomalies/rule-catalogue.ts) as rows: one per rule (whether it is switched on, how
--   its score becomes the page's Score, the settings its catalogue texts name), and one per
--   rule and metric (the value's unit, and what it is compared with).

create or replace temp macro agent_label(name, agent_id) as
  coalesce(name, '') || ' (' || agent_id || ')';

create or replace temp macro explanation_args_of(finding) as
  coalesce(to_json(finding)->'explanation_args', json_object('legacy', to_json(finding)->>'explanation'));

create or replace temp macro rule_catalogue_entries(catalogue) as table
  select unnest(entry)
  from (
    select unnest(cast(json(catalogue) as struct(
      position integer,
      rule varchar,
      enabled boolean,
      strength_offset double,
      strength_scale double,
      settings json,
      metrics struct(metric varchar, unit varchar, reference_kind varchar, reference_value double)[]
    )[])) as entry
  );

create or replace temp macro rule_metric_facts(catalogue) as table
  select rule, position, strength_offset, strength_scale, unnest(metrics, recursive := true)
  from rule_catalogue_entries(catalogue);
