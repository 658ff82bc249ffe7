-- review_events: the case_events rows of the reviews: a 'verdict' row for each review, with
-- the reviewer and the note, and a 'due' row when the deadline changes.
-- Grain: one row per change. From: review_changes.
with changes as (
  select * from review_changes
),

events as (
  select case_id, 1 as ordinal, "by", 'verdict' as field, verdict_from as "from", verdict_to as "to", note
  from changes
  union all
  select case_id, 2, "by", 'due', strftime(due_from, '%Y-%m-%d'), strftime(due_to, '%Y-%m-%d'), null
  from changes
  where due_to is distinct from due_from
),

final as (
  select case_id, ordinal, now() as "at", "by", field, "from", "to", note
  from events
)

select case_id, "at", "by", field, "from", "to", note
from final
order by case_id, ordinal
