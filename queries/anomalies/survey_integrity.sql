-- survey_integrity: survey responses that cannot be a real customer's opinion.
--  * number, day of the survey: answered from a centre number (centre_numbers) or from an
--    agent's number (a caller_id the centre's agents present on outbound calls), or more
--    than $max_surveys_per_number surveys from one number on one day.
--  * call, day of the call: a survey on a call that was never answered, or responded
--    before the call ended.
-- Numbers compare on their digits (separators ignored). A survey without responded_at
-- belongs to its call's day.
-- Grain: one row per (number, day, reason) and per (call, day) for days in [$from, $to].
-- From: stg_surveys, stg_calls, config centre_numbers. value: surveys in the row; baseline: the
-- allowed count (0, or $max_surveys_per_number); score: value ÷ max(baseline, 1).

with surveys_in_range as (
  -- Surveys responded on the run's days, and surveys on calls of the run's days.
  select * from stg_surveys
  where responded_at >= cast(cast($from as date) as timestamptz)
    and responded_at < cast(cast($to as date) + 1 as timestamptz)
  union
  select * from stg_surveys
  where call_id in (
    select call_id from stg_calls
    where started_at >= cast(cast($from as date) as timestamptz)
      and started_at < cast(cast($to as date) + 1 as timestamptz)
  )
),

surveys_with_call as (
  select
    surveys_in_range.survey_id,
    surveys_in_range.call_id,
    surveys_in_range.responded_at,
    surveys_in_range.respondent_number,
    regexp_replace(surveys_in_range.respondent_number, '[^0-9]', '', 'g') as digits,
    coalesce(surveys_in_range.responded_day, stg_calls.day) as survey_day,
    stg_calls.agent_id,
    stg_calls.answered_at,
    stg_calls.ended_at,
    stg_calls.day as call_day
  from surveys_in_range
  left join stg_calls using (call_id)
),

centre_numbers as (
  select distinct regexp_replace(unnest(cast(json($centre_numbers) as varchar[])), '[^0-9]', '', 'g') as digits
),

agent_numbers as (
  -- The numbers agents presented when they called out in the 28 days up to the run's last day.
  select regexp_replace(caller_id, '[^0-9]', '', 'g') as digits, min(agent_id) as agent_id
  from stg_calls
  where direction = 'outbound'
    and agent_id is not null
    and nullif(trim(caller_id), '') is not null
    and started_at >= cast(cast($from as date) - 28 as timestamptz)
    and started_at < cast(cast($to as date) + 1 as timestamptz)
  group by all
),

number_surveys as (
  select *
  from surveys_with_call
  where survey_day between cast($from as date) and cast($to as date)
    and digits <> ''
),

number_findings as (
  select
    number_surveys.respondent_number as number,
    number_surveys.survey_day as day,
    case when number_surveys.digits in (select digits from centre_numbers) then 'centre_number' else 'agent_number' end as reason,
    any_value(agent_numbers.agent_id) as owner_agent,
    count(*) as surveys,
    0 as allowed,
    list(number_surveys.survey_id) as survey_ids,
    list(number_surveys.call_id) as call_ids
  from number_surveys
  left join agent_numbers using (digits)
  where number_surveys.digits in (select digits from centre_numbers) or agent_numbers.digits is not null
  group by all

  union all

  select
    respondent_number,
    survey_day,
    'surveys_per_number',
    null,
    count(*),
    $max_surveys_per_number,
    list(survey_id),
    list(call_id)
  from number_surveys
  group by respondent_number, survey_day
  having count(*) > $max_surveys_per_number
),

call_findings as (
  select
    call_id,
    call_day as day,
    case when bool_or(answered_at is null) then 'survey_on_unanswered_call' else 'survey_before_call_end' end as reason,
    any_value(agent_id) as agent_id,
    count(*) as surveys,
    list(survey_id) as survey_ids,
    max(epoch(ended_at - responded_at)) as seconds_early
  from surveys_with_call
  where call_day between cast($from as date) and cast($to as date)
    and (answered_at is null or responded_at < ended_at)
  group by call_id, call_day
),

final as (
  select
    anomaly_id('survey_integrity', 'number', number, day, reason) as anomaly_id,
    'survey_integrity' as rule,
    case when reason = 'surveys_per_number' then 'medium' else 'high' end as severity,
    'number' as entity_type,
    number as entity_id,
    day,
    reason as metric,
    surveys as value,
    allowed as baseline,
    surveys / greatest(allowed, 1) as score,
    json_object('variant', reason, 'surveys', surveys, 'day', day, 'number', mask_number(number), 'agent', owner_agent,
      'allowed', allowed) as explanation_args,
    evidence_list(list_concat(survey_ids, call_ids)) as evidence
  from number_findings

  union all

  select
    anomaly_id('survey_integrity', 'call', call_id, day, 'survey_timing'),
    'survey_integrity',
    'medium',
    'call',
    call_id,
    day,
    'survey_timing',
    surveys,
    0,
    surveys,
    json_object('variant', reason, 'call', call_id, 'day', day, 'surveys', list_sort(survey_ids), 'survey_count', surveys,
      'agent', agent_id, 'seconds_early', seconds_early),
    evidence_list(list_prepend(call_id, survey_ids))
  from call_findings
)

select * from final
