-- case_list: the cases the audit desk works from (docs/audit-desk.md): one row per case, an
-- episode of one rule firing for one subject, instead of one row per night's finding.
-- Listed: the anomaly cases first seen by $day (recognitions are on the coaching report;
-- cases merged into another are reviewed there) that are open (new, ongoing, reopened), were
-- seen in the report's week ($week_start .. $day), or are confirmed and still owe their action.
-- Order: new and reopened first, then ongoing, then cleared; within each by severity rank
-- (3 high, 2 medium, 1 low: never by the text), then Score, then case id.
-- subject_type, subject: what the case is about when it is not an agent (call C12, number ...).
-- A case's findings are its rule's and subject's between its first and last day; the
-- strongest (peak: largest |score|, as the case's peak_score) gives Value and the facts its
-- explanation is written from (explanation_args; the page writes the sentence in its language).
--   score: the page's Score, offset + scale × peak_score per rule ($rule_catalogue, from
--     src/anomalies/rule-catalogue.ts): the strength in multiples of the rule's threshold.
--   value, value_unit: the peak finding's value in its metric's unit; reference and
--     reference_kind: what the rule compares it with (usual, peers, centre, threshold).
--   deadline: 'overdue' (a confirmed or reward case due before $day) or 'due_today';
--     overdue: the same as true or false.
--   evidence_rows: the records behind the findings, the 20 most recent (calls with their
--     speech turns, surveys, audits, complaints; an id found in none is kind 'other');
--     evidence_total counts them all; evidence lists every id (for the CSV).
--   history: the peak finding's metric over the 28 days to the case's last day (agents and
--     teams), marking the days the case found something on that metric.
-- grain: one row per listed case.
-- from: anomaly_cases, anomalies, stg_calls, stg_segments, stg_surveys, audit_scores, stg_audits,
-- stg_complaints, call_facts, dim_agents, agent_daily, team_daily, $rule_catalogue.
with listed_cases as (
  select *
  from anomaly_cases
  where rule <> 'recognition'
    and state <> 'merged'
    and first_seen <= $day
    and (state in ('new', 'ongoing', 'reopened') or last_seen >= $week_start or verdict = 'confirmed')
),

case_findings as (
  select listed_cases.case_id, anomalies.*
  from listed_cases
  join anomalies
    on anomalies.rule = listed_cases.rule
   and anomalies.entity_type = listed_cases.entity_type
   and anomalies.entity_id = listed_cases.entity_id
   and anomalies.day between listed_cases.first_seen and listed_cases.last_seen
),

peak_findings as (
  select *
  from case_findings
  qualify row_number() over (
    partition by case_id
    order by abs(score) desc nulls last, list_position(['high', 'medium', 'low'], severity), day desc, anomaly_id
  ) = 1
),

rule_strengths as (
  select rule, strength_offset, strength_scale from rule_catalogue_entries($rule_catalogue)
),

metric_facts as (
  select rule, metric, unit, reference_kind, reference_value from rule_metric_facts($rule_catalogue)
),

-- The team and agent a case concerns: its own, or its call's.
subjects as (
  select
    listed_cases.case_id,
    case listed_cases.entity_type
      when 'agent' then listed_cases.entity_id
      when 'call' then call_facts.agent_id
    end as agent_id,
    case listed_cases.entity_type
      when 'team' then listed_cases.entity_id
      when 'call' then call_facts.team
    end as team
  from listed_cases
  left join call_facts
    on listed_cases.entity_type = 'call'
   and call_facts.call_id = listed_cases.entity_id
),

evidence_ids as (
  select distinct case_id, unnest(evidence) as evidence_id
  from case_findings
),

evidence_calls as (
  select
    evidence_ids.case_id,
    'call' as kind,
    evidence_ids.evidence_id,
    calls.started_at as occurred_at,
    calls.agent_id,
    calls.queue,
    epoch(calls.ended_at - calls.started_at) as duration_s,
    calls.direction::varchar as direction,
    calls.disposition::varchar as disposition,
    calls.disconnect_party::varchar as ended_by,
    case when calls.direction = 'inbound' then calls.caller_id else calls.customer_number end as contact_number,
    -- Speech is drawn on the connected time (or the turns' own end, if later).
    cast(epoch_ms(calls.ended_at - coalesce(calls.answered_at, calls.started_at)) as integer) as connected_ms
  from evidence_ids
  join stg_calls as calls on calls.call_id = evidence_ids.evidence_id
),

call_speech as (
  select
    call_id,
    list({'speaker': speaker::varchar, 'start_ms': start_ms::integer, 'end_ms': end_ms::integer} order by start_ms, end_ms) as speech,
    max(end_ms)::integer as speech_end_ms
  from stg_segments
  where call_id in (select evidence_id from evidence_calls)
  group by call_id
),

evidence_surveys as (
  select
    evidence_ids.case_id,
    'survey' as kind,
    evidence_ids.evidence_id,
    surveys.responded_at as occurred_at,
    calls.agent_id,
    calls.queue,
    surveys.csat::integer as csat,
    surveys.nps::integer as nps,
    surveys.respondent_number as contact_number,
    surveys.call_id
  from evidence_ids
  join stg_surveys as surveys on surveys.survey_id = evidence_ids.evidence_id
  left join stg_calls as calls on calls.call_id = surveys.call_id
),

audit_times as (
  select audit_id, min(audited_at) as audited_at
  from stg_audits
  where audit_id in (select evidence_id from evidence_ids)
  group by audit_id
),

evidence_audits as (
  select
    evidence_ids.case_id,
    'audit' as kind,
    evidence_ids.evidence_id,
    audit_times.audited_at as occurred_at,
    audit_scores.agent_id,
    audit_scores.audit_score::double as audit_score,
    audit_scores.auditor_id,
    audit_scores.calibration_id,
    audit_scores.call_id
  from evidence_ids
  join audit_scores on audit_scores.audit_id = evidence_ids.evidence_id
  left join audit_times using (audit_id)
),

evidence_complaints as (
  select
    evidence_ids.case_id,
    'complaint' as kind,
    evidence_ids.evidence_id,
    complaints.opened_at as occurred_at,
    coalesce(complaints.agent_id, calls.agent_id) as agent_id,
    calls.queue,
    complaints.category,
    complaints.severity::varchar as complaint_severity,
    complaints.resolved_at is not null as resolved,
    complaints.call_id
  from evidence_ids
  join stg_complaints as complaints on complaints.complaint_id = evidence_ids.evidence_id
  left join stg_calls as calls on calls.call_id = complaints.call_id
),

evidence_found as (
  select * from evidence_calls
  union all by name
  select * from evidence_surveys
  union all by name
  select * from evidence_audits
  union all by name
  select * from evidence_complaints
),

evidence_other as (
  select evidence_ids.case_id, 'other' as kind, evidence_ids.evidence_id
  from evidence_ids
  anti join evidence_found using (case_id, evidence_id)
),

evidence_numbered as (
  select
    *,
    row_number() over (partition by case_id order by occurred_at desc nulls last, kind, evidence_id) as recency,
    count(*) over (partition by case_id) as evidence_total
  from (select * from evidence_found union all by name select * from evidence_other)
),

evidence_lists as (
  select
    evidence_numbered.case_id,
    any_value(evidence_numbered.evidence_total) as evidence_total,
    list({
      'kind': evidence_numbered.kind,
      'evidence_id': evidence_numbered.evidence_id,
      'at': strftime(cast(evidence_numbered.occurred_at as timestamp), '%Y-%m-%d %H:%M'),
      'agent': case when evidence_numbered.agent_id is not null then agent_label(agents.name, evidence_numbered.agent_id) end,
      'queue': evidence_numbered.queue,
      'duration_s': evidence_numbered.duration_s,
      'direction': evidence_numbered.direction,
      'disposition': evidence_numbered.disposition,
      'ended_by': evidence_numbered.ended_by,
      'contact_number': evidence_numbered.contact_number,
      'csat': evidence_numbered.csat,
      'nps': evidence_numbered.nps,
      'audit_score': evidence_numbered.audit_score,
      'auditor_id': evidence_numbered.auditor_id,
      'calibration_id': evidence_numbered.calibration_id,
      'category': evidence_numbered.category,
      'complaint_severity': evidence_numbered.complaint_severity,
      'resolved': evidence_numbered.resolved,
      'call_id': evidence_numbered.call_id,
      'speech': call_speech.speech,
      'speech_ms': greatest(evidence_numbered.connected_ms, call_speech.speech_end_ms)
    } order by evidence_numbered.recency) as evidence_rows
  from evidence_numbered
  left join dim_agents as agents on agents.agent_id = evidence_numbered.agent_id
  left join call_speech on evidence_numbered.kind = 'call' and call_speech.call_id = evidence_numbered.evidence_id
  where evidence_numbered.recency <= 20
  group by evidence_numbered.case_id
),

-- Rules name metrics briefly (conversion, aht, csat); each maps to its agent_daily / team_daily column.
metric_columns (metric, measure) as (
  values
    ('calls', 'calls'),
    ('conversion', 'conversion_rate'),
    ('aht', 'aht_s'),
    ('talk_ratio', 'talk_ratio'),
    ('csat', 'csat_mean'),
    ('agent_hangup_rate', 'agent_hangup_rate')
),

history_subjects as (
  select peak_findings.case_id, peak_findings.entity_type, peak_findings.entity_id, peak_findings.metric, metric_columns.measure, listed_cases.last_seen
  from peak_findings
  join metric_columns using (metric)
  join listed_cases using (case_id)
  where peak_findings.entity_type in ('agent', 'team')
),

daily_rows as (
  -- agents and teams side by side, so one unpivot serves both
  select 'agent' as entity_type, agent_id as entity_id, day,
    calls, conversion_rate, aht_s, talk_ratio, csat_mean, agent_hangup_rate
  from agent_daily
  where agent_id in (select entity_id from history_subjects where entity_type = 'agent')
  union all
  select 'team', team, day,
    calls, conversion_rate, aht_s, talk_ratio, csat_mean, agent_hangup_rate
  from team_daily
  where team in (select entity_id from history_subjects where entity_type = 'team')
),

daily_values as (
  unpivot (
    select
      entity_type,
      entity_id,
      day,
      calls::double as calls,
      conversion_rate::double as conversion_rate,
      aht_s::double as aht_s,
      talk_ratio::double as talk_ratio,
      csat_mean::double as csat_mean,
      agent_hangup_rate::double as agent_hangup_rate
    from daily_rows
  )
  on calls, conversion_rate, aht_s, talk_ratio, csat_mean, agent_hangup_rate
  into name measure value value
),

finding_days as (
  select distinct case_id, metric, day from case_findings
),

histories as (
  select
    history_subjects.case_id,
    list({
      'x': strftime(daily_values.day, '%Y-%m-%d'),
      'y': daily_values.value,
      'marked': finding_days.day is not null
    } order by daily_values.day) as history
  from history_subjects
  join daily_values
    on daily_values.entity_type = history_subjects.entity_type
   and daily_values.entity_id = history_subjects.entity_id
   and daily_values.measure = history_subjects.measure
   and daily_values.day between history_subjects.last_seen - interval 27 day and history_subjects.last_seen
  left join finding_days
    on finding_days.case_id = history_subjects.case_id
   and finding_days.metric = history_subjects.metric
   and finding_days.day = daily_values.day
  group by history_subjects.case_id
),

evidence_id_lists as (
  select case_id, list(evidence_id order by evidence_id) as evidence
  from evidence_ids
  group by case_id
),

final as (
  select
    listed_cases.case_id,
    listed_cases.state,
    listed_cases.rule,
    peak_findings.metric,
    coalesce(subjects.team, agents.team) as team,
    case when subjects.agent_id is not null then agent_label(agents.name, subjects.agent_id) end as agent,
    listed_cases.entity_type,
    listed_cases.entity_id,
    listed_cases.entity_type || ' ' || listed_cases.entity_id as entity,
    case when listed_cases.entity_type <> 'agent' then listed_cases.entity_type end as subject_type,
    case when listed_cases.entity_type <> 'agent' then listed_cases.entity_id end as subject,
    listed_cases.first_seen,
    listed_cases.last_seen,
    listed_cases.days_active,
    listed_cases.episodes,
    listed_cases.findings,
    listed_cases.peak_severity,
    listed_cases.peak_severity_rank,
    rule_strengths.strength_offset + rule_strengths.strength_scale * listed_cases.peak_score as score,
    peak_findings.value,
    metric_facts.unit as value_unit,
    case when metric_facts.reference_kind is not null then coalesce(metric_facts.reference_value, peak_findings.baseline) end as reference,
    case when coalesce(metric_facts.reference_value, peak_findings.baseline) is not null then metric_facts.reference_kind end as reference_kind,
    listed_cases.verdict,
    listed_cases.due,
    case
      when listed_cases.verdict is null or listed_cases.verdict not in ('confirmed', 'reward') then null
      when listed_cases.due < $day then 'overdue'
      when listed_cases.due = $day then 'due_today'
    end as deadline,
    coalesce(listed_cases.verdict in ('confirmed', 'reward') and listed_cases.due < $day, false) as overdue,
    explanation_args_of(peak_findings) as explanation_args,
    coalesce(evidence_id_lists.evidence, []) as evidence,
    coalesce(evidence_lists.evidence_total, 0) as evidence_total,
    evidence_lists.evidence_rows,
    histories.history,
    case when listed_cases.state in ('new', 'reopened') then 1 when listed_cases.state = 'ongoing' then 2 else 3 end as state_order
  from listed_cases
  join subjects using (case_id)
  left join dim_agents as agents on agents.agent_id = subjects.agent_id
  left join peak_findings using (case_id)
  left join rule_strengths on rule_strengths.rule = listed_cases.rule
  left join metric_facts on metric_facts.rule = peak_findings.rule and metric_facts.metric = peak_findings.metric
  left join evidence_lists using (case_id)
  left join evidence_id_lists using (case_id)
  left join histories using (case_id)
)

select * from final
order by state_order, peak_severity_rank desc, score desc nulls last, case_id
