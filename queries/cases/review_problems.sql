-- review_problems: the reviews that cannot be applied, with the reason: an unknown case, a
-- case merged into another (review the one it joined), or a case that changed since the
-- sheet was made (its state or last_seen differ from the sheet's).
-- Grain: one row per bad review. From: review_input, anomaly_cases.
with reviews as (
  select * from review_input
),

cases as (
  select case_id, state, last_seen, merged_into from anomaly_cases
),

judged as (
  select
    reviews.line,
    case
      when cases.case_id is null then format('unknown case {}', reviews.case_id)
      when cases.state = 'merged'
        then format('case {} was merged into case {}: review that one', reviews.case_id, cases.merged_into)
      when reviews.expected_state is not null and reviews.expected_state <> cases.state
        then format('case {} changed since the sheet was made: its state is {}, the sheet says {}', reviews.case_id, cases.state, reviews.expected_state)
      when reviews.expected_last_seen is not null and reviews.expected_last_seen <> cases.last_seen
        then format('case {} changed since the sheet was made: last seen {}, the sheet says {}', reviews.case_id, strftime(cases.last_seen, '%Y-%m-%d'), strftime(reviews.expected_last_seen, '%Y-%m-%d'))
    end as reason
  from reviews
  left join cases using (case_id)
),

final as (
  select line, reason
  from judged
  where reason is not null
  order by line
)

select * from final
