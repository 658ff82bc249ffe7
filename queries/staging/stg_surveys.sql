-- stg_surveys: post-call survey answers, with the local day of the response (null when
-- unknown; the metrics count a survey on its call's day, the rules on this one).
-- grain: one row per survey.
-- from: surveys.
-- unique: survey_id
-- not null: survey_id, call_id

select
  survey_id,
  call_id,
  responded_at,
  csat,
  nps,
  respondent_number,
  cast(responded_at as date) as responded_day,
  load_id
from surveys
