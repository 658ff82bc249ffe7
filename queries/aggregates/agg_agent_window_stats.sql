-- agg_agent_window_stats: per agent, the sums behind the trainer ranking over the
-- window_days local days ending on each window end day: outbound answered and sales,
-- answered calls and complaints, talk time and per-call talk ratios, CSAT and audit scores
-- (sums and sums of squares, for the shrinkage priors).
-- grain: one row per window end day and agent of `agents` with at least one answered call in
--   the window: the agents that can be ranked. An agent missing from `agents` (no name, no
--   team) or without answered calls is left out of the ranking and its priors; the coaching
--   page lists them apart as data problems (queries/reports/coaching/data_problems.sql).
--   Window end days are the centre's days with any activity in [windows_from, windows_to].
-- from: call_facts, stg_surveys (by their call's day and agent), audit_scores (by audit
--   day), complaint_facts (by opened day), stg_agents (team); the window end days are the
--   days of the three facts.
-- unique: day, agent_id
-- not null: day, window_start, agent_id, conversion_n, sales, answered, complaints, talk_n, csat_n, audit_n

-- The centre's days with any activity (the days of center_daily), taken from the facts so
-- that this step reads no mart.
with activity_days as (
  select day from call_facts
  union
  select day from audit_scores
  union
  select day from complaint_facts
),

window_ends as (
  select
    day,
    day - (getvariable('window_days') - 1) as window_start
  from activity_days
  where day between getvariable('windows_from') and getvariable('windows_to')
),

window_span as (
  select
    min(window_start) as first_day,
    max(day) as last_day
  from window_ends
),

calls as (
  select call_facts.* from call_facts, window_span
  where call_facts.day between window_span.first_day and window_span.last_day
    and call_facts.agent_id is not null
),

call_days as (
  select
    agent_id,
    day,
    count(*) filter (where answered and direction = 'outbound') as conversion_n,
    count(*) filter (where sale) as sales,
    count(*) filter (where answered) as answered,
    sum(agent_talk_ms) as agent_talk_ms,
    sum(customer_talk_ms) as customer_talk_ms,
    count(talk_ratio) as talk_n,
    sum(exact(talk_ratio))::double as talk_sum,
    sum(exact(talk_ratio * talk_ratio))::double as talk_sumsq
  from calls
  group by agent_id, day
),

survey_days as (
  select
    calls.agent_id,
    calls.day,
    count(stg_surveys.csat) as csat_n,
    sum(stg_surveys.csat) as csat_sum,
    sum(stg_surveys.csat * stg_surveys.csat) as csat_sumsq
  from stg_surveys
  join calls using (call_id)
  group by calls.agent_id, calls.day
),

audit_days as (
  select
    agent_id,
    audit_scores.day,
    count(audit_score) as audit_n,
    sum(exact(audit_score))::double as audit_sum,
    sum(exact(audit_score * audit_score))::double as audit_sumsq
  from audit_scores, window_span
  where audit_scores.day between window_span.first_day and window_span.last_day
  group by agent_id, audit_scores.day
),

complaint_days as (
  select
    agent_id,
    complaint_facts.day,
    count(*) as complaints
  from complaint_facts, window_span
  where complaint_facts.day between window_span.first_day and window_span.last_day
    and agent_id is not null
  group by agent_id, complaint_facts.day
),

agent_days as (
  select * from call_days
  union all by name
  select * from survey_days
  union all by name
  select * from audit_days
  union all by name
  select * from complaint_days
),

windowed as (
  select
    window_ends.day,
    any_value(window_ends.window_start) as window_start,
    agent_days.agent_id,
    coalesce(sum(agent_days.conversion_n), 0) as conversion_n,
    coalesce(sum(agent_days.sales), 0) as sales,
    coalesce(sum(agent_days.answered), 0) as answered,
    coalesce(sum(agent_days.complaints), 0) as complaints,
    sum(agent_days.agent_talk_ms) as agent_talk_ms,
    sum(agent_days.customer_talk_ms) as customer_talk_ms,
    coalesce(sum(agent_days.talk_n), 0) as talk_n,
    sum(exact(agent_days.talk_sum))::double as talk_sum,
    sum(exact(agent_days.talk_sumsq))::double as talk_sumsq,
    coalesce(sum(agent_days.csat_n), 0) as csat_n,
    sum(agent_days.csat_sum) as csat_sum,
    sum(agent_days.csat_sumsq) as csat_sumsq,
    coalesce(sum(agent_days.audit_n), 0) as audit_n,
    sum(exact(agent_days.audit_sum))::double as audit_sum,
    sum(exact(agent_days.audit_sumsq))::double as audit_sumsq
  from window_ends
  join agent_days
    on agent_days.day between window_ends.window_start and window_ends.day
  group by window_ends.day, agent_days.agent_id
),

final as (
  select
    windowed.*,
    stg_agents.team
  from windowed
  join stg_agents using (agent_id)
  where windowed.answered > 0
)

select * from final
