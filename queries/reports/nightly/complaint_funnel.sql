-- complaint_funnel: complaints opened in the 28 days ending on the report day and how many
-- of them have had a first response, a resolution and a follow-up after resolution.
-- grain: one row per funnel stage. from: complaint_facts.
with opened as (
  select * from complaint_facts
  where day between $trend_start and $day
),

stages as (
  select
    count(*) as opened,
    count(first_response_h) as responded,
    count(resolve_h) as resolved,
    count(*) filter (where closed_loop) as followed_up
  from opened
),

stage_rows as (
  unpivot stages
  on opened, responded, resolved, followed_up
  into name stage value complaints
),

final as (
  select
    stage,
    complaints,
    list_position(['opened', 'responded', 'resolved', 'followed_up'], stage) as stage_order
  from stage_rows
)

select * from final
order by stage_order
