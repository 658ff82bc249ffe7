-- data_quality: records that cannot be trusted, two kinds.
--  * agent, day: an agent-day with at least $min_calls calls of which at least
--    $max_missing_contact_share lack both customer_id and customer_number (who was called?).
--  * file (the loaded file's name, e.g. surveys.csv), day of the records: duplicate keys
--    (rows the load rejected as repeats), impossible durations (a call longer than
--    $max_call_hours hours), segments beyond the call (ending more than
--    $segment_tolerance_ms after the connected time, or on a call never answered), surveys
--    or audits pointing at an unknown call or agent. References are only checked when the
--    referenced table has rows (an agents file not loaded yet is not a problem of audits.csv).
--    Findings without a day (duplicates in agents or audit_items, segments of unknown calls,
--    surveys of unknown calls without responded_at) are only written when the run covers
--    every day ($all_days).
-- Grain: one row per (agent, day) and per (file, day, problem) for days in [$from, $to].
-- From: stg_calls, stg_segments, stg_surveys, stg_audits, stg_complaints, stg_agents, rejects,
-- load_log.
-- value: the share missing (agent) or the records with the problem (file); baseline: the
-- centre's share that day (agent) or 0 (file); score: value ÷ threshold (agent), records (file).

with calls_in_range as (
  select *
  from stg_calls
  where started_at >= cast(cast($from as date) as timestamptz)
    and started_at < cast(cast($to as date) + 1 as timestamptz)
),

files as (
  select load_id, regexp_extract(file, '[^/\\]+$') as file
  from load_log
),

agent_days as (
  select
    agent_id,
    day,
    count(*) as calls,
    count(*) filter (where customer_id is null and customer_number is null) as missing,
    list(call_id) filter (where customer_id is null and customer_number is null) as missing_ids
  from calls_in_range
  where agent_id is not null
  group by agent_id, day
),

centre_days as (
  select day, sum(missing) / sum(calls) as centre_share
  from agent_days
  group by day
),

missing_contact as (
  select agent_days.*, missing / calls as share, centre_share
  from agent_days
  join centre_days using (day)
  where calls >= $min_calls
    and missing / calls >= $max_missing_contact_share
),

duplicate_rejects as (
  select rejects.load_id, rejects."table", rejects.value as key_text
  from rejects
  where rejects.reason like 'duplicate key%'
),

duplicates_dated as (
  -- The day of a repeated key is the day of the row kept under that key.
  select duplicate_rejects.load_id, duplicate_rejects.key_text as record_id,
    case duplicate_rejects."table"
      when 'calls' then (select day from stg_calls where call_id = duplicate_rejects.key_text)
      when 'complaints' then (select day from stg_complaints where complaint_id = duplicate_rejects.key_text)
      when 'surveys' then (
        select coalesce(stg_surveys.responded_day, stg_calls.day)
        from stg_surveys left join stg_calls using (call_id)
        where stg_surveys.survey_id = duplicate_rejects.key_text)
      when 'audits' then (select min(day) from stg_audits where concat_ws('|', audit_id, item_id) = duplicate_rejects.key_text)
    end as day
  from duplicate_rejects
),

long_calls as (
  select load_id, call_id as record_id, day
  from calls_in_range
  where epoch(ended_at - started_at) > $max_call_hours * 3600
    or acw_s > $max_call_hours * 3600
),

segments_beyond as (
  select stg_segments.load_id, stg_segments.call_id as record_id, calls_in_range.day
  from stg_segments
  join calls_in_range using (call_id)
  where calls_in_range.answered_at is null
    or stg_segments.end_ms > 1000 * epoch(calls_in_range.ended_at - calls_in_range.answered_at) + $segment_tolerance_ms
),

orphan_segments as (
  select stg_segments.load_id, stg_segments.call_id as record_id, null::date as day
  from stg_segments
  where $all_days
    and exists (from stg_calls)
    and not exists (select 1 from stg_calls where stg_calls.call_id = stg_segments.call_id)
),

orphan_surveys as (
  select stg_surveys.load_id, stg_surveys.survey_id as record_id, stg_surveys.responded_day as day
  from stg_surveys
  where (
      (stg_surveys.responded_at >= cast(cast($from as date) as timestamptz) and stg_surveys.responded_at < cast(cast($to as date) + 1 as timestamptz))
      or (stg_surveys.responded_at is null and $all_days)
    )
    and exists (from stg_calls)
    and not exists (select 1 from stg_calls where stg_calls.call_id = stg_surveys.call_id)
),

orphan_audits as (
  select stg_audits.load_id, stg_audits.audit_id as record_id, stg_audits.day
  from stg_audits
  where stg_audits.audited_at >= cast(cast($from as date) as timestamptz)
    and stg_audits.audited_at < cast(cast($to as date) + 1 as timestamptz)
    and (
      (exists (from stg_agents) and not exists (select 1 from stg_agents where stg_agents.agent_id = stg_audits.agent_id))
      or (stg_audits.call_id is not null and exists (from stg_calls) and not exists (select 1 from stg_calls where stg_calls.call_id = stg_audits.call_id))
    )
),

file_problems as (
  select 'duplicate_keys' as problem, * from duplicates_dated
  union all select 'impossible_durations', * from long_calls
  union all select 'segments_beyond_call', * from segments_beyond
  union all select 'segments_of_unknown_calls', * from orphan_segments
  union all select 'surveys_unknown_call', * from orphan_surveys
  union all select 'audits_unknown_call_or_agent', * from orphan_audits
),

file_findings as (
  select
    coalesce(files.file, '(unknown file)') as file,
    file_problems.day,
    file_problems.problem,
    count(distinct file_problems.record_id) as records,
    list(file_problems.record_id) as record_ids
  from file_problems
  left join files using (load_id)
  where (file_problems.day between cast($from as date) and cast($to as date))
    or (file_problems.day is null and $all_days)
  group by all
),

final as (
  select
    anomaly_id('data_quality', 'agent', agent_id, day, 'missing_contact_share') as anomaly_id,
    'data_quality' as rule,
    'medium' as severity,
    'agent' as entity_type,
    agent_id as entity_id,
    day,
    'missing_contact_share' as metric,
    share as value,
    centre_share as baseline,
    share / $max_missing_contact_share as score,
    json_object('variant', 'agent', 'missing', missing, 'agent', agent_id, 'calls', calls, 'day', day,
      'share', share, 'centre_share', centre_share) as explanation_args,
    evidence_list(missing_ids) as evidence
  from missing_contact

  union all

  select
    anomaly_id('data_quality', 'file', file, day, problem),
    'data_quality',
    'low',
    'file',
    file,
    day,
    problem,
    records,
    0,
    records,
    json_object('variant', 'file', 'file', file, 'records', records, 'problem', problem, 'day', day,
      'max_call_hours', $max_call_hours),
    evidence_list(record_ids)
  from file_findings
)

select * from final
