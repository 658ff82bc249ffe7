-- case_matches: which stored case each island continues, so a case keeps its id through
-- re-runs, full recomputes and re-detection of old days (an island may have grown, shrunk,
-- moved its first day back, split or joined another).
-- A stored case and an island match when they are the same rule and subject, in the same
-- segment (no dismissal between them) and their days overlap or lie within the island's
-- reopen gap of each other. Each stored case follows one island: the earliest it shares
-- days with, else the earliest near it. An island keeps the id of the case that chose it
-- (a live case before a merged one, then the oldest); other cases that chose it are merged
-- into it; an island no case chose is a new case, numbered after the highest id. A stored
-- case near no island had all its findings withdrawn: it is kept as it was.
-- Grain: one row per case (stored or new). From: case_islands, anomaly_cases, case_fences.
with islands as (
  select * from case_islands
),

stored as (
  select case_id, rule, entity_type, entity_id, first_seen, last_seen, state
  from anomaly_cases
),

stored_segments as (
  select
    stored.case_id,
    count(case_fences.case_id) as segment
  from stored
  left join case_fences
    on case_fences.rule = stored.rule
   and case_fences.entity_type = stored.entity_type
   and case_fences.entity_id = stored.entity_id
   and case_fences.snooze_from < stored.first_seen
  group by stored.case_id
),

candidates as (
  select
    stored.case_id,
    stored.state = 'merged' as was_merged,
    stored.first_seen as case_first_seen,
    islands.island_key,
    islands.first_seen as island_first_seen,
    stored.first_seen <= islands.last_seen and stored.last_seen >= islands.first_seen as shares_days
  from stored
  join stored_segments using (case_id)
  join islands
    on islands.rule = stored.rule
   and islands.entity_type = stored.entity_type
   and islands.entity_id = stored.entity_id
   and islands.segment = stored_segments.segment
   and stored.first_seen <= islands.last_seen + islands.reopen_days
   and stored.last_seen >= islands.first_seen - islands.reopen_days
),

case_choices as (
  select *
  from candidates
  qualify row_number() over (partition by case_id order by shares_days desc, island_first_seen, island_key) = 1
),

island_owners as (
  select *
  from case_choices
  qualify row_number() over (partition by island_key order by was_merged, case_first_seen, case_id) = 1
),

new_islands as (
  select
    (select coalesce(max(case_id), 0) from anomaly_cases)
      + row_number() over (order by first_seen, rule, entity_type, entity_id, island_key) as case_id,
    island_key
  from islands
  where island_key not in (select island_key from island_owners)
),

final as (
  select case_id, island_key, cast(null as integer) as merged_into, false as is_new
  from island_owners
  union all
  select case_choices.case_id, null, island_owners.case_id, false
  from case_choices
  join island_owners using (island_key)
  where case_choices.case_id <> island_owners.case_id
  union all
  select case_id, null, null, false
  from stored
  where case_id not in (select case_id from case_choices)
  union all
  select case_id, island_key, null, true
  from new_islands
)

select * from final
