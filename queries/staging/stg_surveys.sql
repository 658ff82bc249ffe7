-- stg_surveys: post-call survey answers.
-- grain: one row per survey.
-- from: surveys.
-- unique: survey_id
-- not null: survey_id, call_id

select
  survey_id,
  call_id,
  responded_at,
  csat,
  nps
from surveys
