-- case_rebuild_events: what a rebuild changed, as case_events rows by 'callq': each state
-- change (from nothing for a new case), each merge, and the reward verdict and due date a
-- new recognition case is raised with. A re-run that changes nothing writes nothing.
-- Grain: one row per change. From: case_next, anomaly_cases (as stored before the rebuild).
with next as (
  select * from case_next
),

stored as (
  select case_id, state, merged_into from anomaly_cases
),

changes as (
  select next.case_id, 1 as ordinal, 'state' as field, stored.state as "from", next.state as "to", cast(null as varchar) as note
  from next
  left join stored using (case_id)
  where next.state is distinct from stored.state
  union all
  select next.case_id, 2, 'merged_into', cast(stored.merged_into as varchar), cast(next.merged_into as varchar), null
  from next
  join stored using (case_id)
  where next.merged_into is distinct from stored.merged_into
  union all
  select case_id, 3, 'verdict', null, verdict, 'top of the trainer ranking: a recognition to give'
  from next
  where is_new and verdict is not null
  union all
  select case_id, 4, 'due', null, strftime(due, '%Y-%m-%d'), null
  from next
  where is_new and due is not null
),

final as (
  select case_id, ordinal, now() as "at", 'callq' as "by", field, "from", "to", note
  from changes
)

select case_id, "at", "by", field, "from", "to", note
from final
order by case_id, ordinal
