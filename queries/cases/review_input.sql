-- review_input: the reviews to apply, one row each, from the JSON list $reviews that the
-- command line or a sheet gave (line: the sheet's line; expected_state, expected_last_seen:
-- the case as the sheet showed it, when the sheet carries those columns).
-- Grain: one row per review. From: $reviews.
with reviews as (
  select unnest(cast(json($reviews) as struct(
    line integer,
    case_id integer,
    verdict varchar,
    note varchar,
    "by" varchar,
    due varchar,
    state varchar,
    last_seen varchar
  )[])) as review
),

final as (
  select
    review.line,
    review.case_id,
    review.verdict,
    review.note,
    review."by",
    cast(review.due as date) as due,
    review.state as expected_state,
    cast(review.last_seen as date) as expected_last_seen
  from reviews
)

select * from final
