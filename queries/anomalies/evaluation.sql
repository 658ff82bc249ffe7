-- evaluation: precision and recall of each rule against a labels file (rule, entity_type,
-- entity_id, day), per the generator <-> detector contract.
-- Grain: one row per rule in $rules (the given order), then 'all' (every rule's keys together).
-- Keys are distinct (rule, entity_type, entity_id, day). For window findings — a
-- (rule, entity_type) whose labels have no day, or one listed in $window_findings — the
-- day is dropped on both sides, so a finding on any day matches the label.
-- precision = matched flagged keys ÷ flagged keys; recall = matched labels ÷ labels;
-- both null when their denominator is 0. From: the labels CSV ($labels) and anomalies.

with labels_raw as (
  select
    lower(trim(rule)) as rule,
    lower(trim(entity_type)) as entity_type,
    trim(entity_id) as entity_id,
    cast(nullif(trim(day), '') as date) as day
  from read_csv($labels, header = true, all_varchar = true)
),

declared_window_findings as (
  select unnest(cast(json($window_findings) as struct(rule varchar, "entityType" varchar)[])) as finding
),

window_findings as (
  select distinct rule, entity_type from labels_raw where day is null
  union
  select finding.rule, finding."entityType" from declared_window_findings
),

label_keys as (
  select distinct labels_raw.rule, labels_raw.entity_type, labels_raw.entity_id, case when window_findings.rule is null then labels_raw.day end as day
  from labels_raw
  left join window_findings using (rule, entity_type)
),

flagged_keys as (
  select distinct anomalies.rule, anomalies.entity_type, anomalies.entity_id, case when window_findings.rule is null then anomalies.day end as day
  from anomalies
  left join window_findings using (rule, entity_type)
),

matched_keys as (
  select flagged_keys.*
  from flagged_keys
  join label_keys
    on label_keys.rule = flagged_keys.rule
    and label_keys.entity_type = flagged_keys.entity_type
    and label_keys.entity_id = flagged_keys.entity_id
    and label_keys.day is not distinct from flagged_keys.day
),

rules as (
  select rule, ordinality
  from unnest(cast(json($rules) as varchar[])) with ordinality as known_rules(rule, ordinality)
  union all
  -- Labelled rules callq does not know still show up, after the known ones.
  select distinct rule, 1000 from label_keys where rule not in (select unnest(cast(json($rules) as varchar[])))
),

per_rule as (
  select
    rules.rule,
    rules.ordinality,
    (select count(*) from label_keys where label_keys.rule = rules.rule) as labelled,
    (select count(*) from flagged_keys where flagged_keys.rule = rules.rule) as flagged,
    (select count(*) from matched_keys where matched_keys.rule = rules.rule) as true_positives
  from rules
),

with_total as (
  select * from per_rule
  union all
  select 'all', 10000, sum(labelled), sum(flagged), sum(true_positives) from per_rule
),

final as (
  select
    rule,
    labelled,
    flagged,
    true_positives,
    round(true_positives / nullif(flagged, 0), 3) as "precision",
    round(true_positives / nullif(labelled, 0), 3) as recall
  from with_total
  order by ordinality, rule
)

select * from final
