-- agg_daily_measures: every daily measure (docs/metrics.md#daily-measures), computed once for
-- every daily grain with grouping sets, so agent_daily, team_daily, queue_daily,
-- center_daily and funnel_daily share one definition of each formula.
-- grain: one row per grain ('agent', 'team', 'queue', 'center', and the outbound funnel's
--   'lead_grade' and 'hour') and its key and day, for days in [marts_from, marts_to]. The
--   funnel grains count calls by the lead grade (null: calls without one) or the local hour
--   of the call; only their outbound measures mean anything.
-- from: call_facts (calls by the local day they started), stg_surveys (on their call's day,
--   agent and queue), audit_scores (by audit day; queue of the audited call), complaint_facts
--   (by opened day; queue of the call that raised it). Team is the agent's team.
-- Ratios with an empty denominator are null (safe_ratio). Inbound ratios leave short
-- abandons out. Legs (see int_calls_measured): the customer measures (inbound_calls,
-- answered_inbound, abandons, service level, ASA) count a customer call once, on its first
-- leg, on the center grain, and every leg offered to the queue on the queue grain; agents
-- and teams are measured on every leg they handled (answered_inbound there counts legs). A survey whose call is unknown is left out (data-quality rules report it).
-- unique: grain, agent_id, team, queue, lead_grade, hour, day
-- not null: grain, day, calls, answered, sales, surveys, audits, complaints

with calls as (
  select * from call_facts
  where day between getvariable('marts_from') and getvariable('marts_to')
),

call_owners as (
  select call_id, day, agent_id, team, queue from call_facts
),

surveys as (
  select
    'survey' as source,
    call_owners.day,
    call_owners.agent_id,
    call_owners.team,
    call_owners.queue,
    stg_surveys.csat,
    stg_surveys.nps
  from stg_surveys
  join call_owners using (call_id)
  where call_owners.day between getvariable('marts_from') and getvariable('marts_to')
),

audits as (
  select
    'audit' as source,
    audit_scores.day,
    audit_scores.agent_id,
    stg_agents.team,
    call_owners.queue,
    audit_scores.audit_score
  from audit_scores
  left join stg_agents using (agent_id)
  left join call_owners using (call_id)
  where audit_scores.day between getvariable('marts_from') and getvariable('marts_to')
),

complaints as (
  select
    'complaint' as source,
    complaint_facts.day,
    complaint_facts.agent_id,
    complaint_facts.team,
    call_owners.queue
  from complaint_facts
  left join call_owners using (call_id)
  where complaint_facts.day between getvariable('marts_from') and getvariable('marts_to')
),

activity as (
  select 'call' as source, * from calls
  union all by name
  select * from surveys
  union all by name
  select * from audits
  union all by name
  select * from complaints
),

counted as (
  select
    case
      when grouping(agent_id) = 0 then 'agent'
      when grouping(team) = 0 then 'team'
      when grouping(queue) = 0 then 'queue'
      when grouping(lead_grade) = 0 then 'lead_grade'
      when grouping(hour) = 0 then 'hour'
      else 'center'
    end as grain,
    agent_id,
    team,
    queue,
    lead_grade,
    hour,
    day,
    count(*) filter (where source = 'call') as calls,
    count(*) filter (where answered) as answered,
    count(*) filter (where answered and direction = 'inbound') as answered_inbound_legs,
    count(*) filter (where direction = 'outbound') as dialled,
    count(*) filter (where answered and direction = 'outbound') as answered_outbound,
    count(*) filter (where interested) as interested,
    count(*) filter (where sale) as sales,
    count(talk_ratio) as talk_calls,
    count(*) filter (where source = 'survey') as surveys,
    count(*) filter (where source = 'audit') as audits,
    count(*) filter (where source = 'complaint') as complaints,
    aht(handle_s, answered) as aht_s,
    count(*) filter (where agent_hung_up) as agent_hangups,
    count(*) filter (where answered and transferred) as transfers,
    coalesce(sum(exact(sale_amount))::double, 0) as revenue,
    sum(agent_talk_ms) as agent_talk_ms,
    sum(customer_talk_ms) as customer_talk_ms,
    avg(csat) as csat_mean,
    count(csat) as csat_answers,
    count(*) filter (where csat >= 4) as csat_top2_answers,
    count(nps) as nps_answers,
    count(*) filter (where nps >= 9) as promoters,
    count(*) filter (where nps <= 6) as detractors,
    avg(exact(audit_score)) as audit_score,
    -- Customer measures, once as customer calls (first legs), once as offers to a queue.
    count(*) filter (where direction = 'inbound' and first_leg) as inbound_calls,
    count(*) filter (where direction = 'inbound' and offered_to_queue) as queue_inbound_calls,
    count(*) filter (where answered and direction = 'inbound' and first_leg) as answered_inbound,
    count(*) filter (where answered and direction = 'inbound' and offered_to_queue) as queue_answered_inbound,
    count(*) filter (where abandoned and first_leg) as abandoned,
    count(*) filter (where abandoned and offered_to_queue) as queue_abandoned,
    count(*) filter (where short_abandon and first_leg) as short_abandons,
    count(*) filter (where short_abandon and offered_to_queue) as queue_short_abandons,
    count(*) filter (where within_target and first_leg) as answered_within_target,
    count(*) filter (where within_target and offered_to_queue) as queue_answered_within_target,
    -- ASA's sum of waits, over the answered calls answered_inbound and queue_answered_inbound count.
    sum(exact(wait_s)) filter (where answered and direction = 'inbound' and first_leg) as answered_wait_s,
    sum(exact(wait_s)) filter (where answered and direction = 'inbound' and offered_to_queue) as queue_answered_wait_s,
    count(fcr) as fcr_calls,
    count(*) filter (where fcr) as fcr_resolved
  from activity
  group by grouping sets ((agent_id, team, day), (team, day), (queue, day), (lead_grade, day), (hour, day), (day))
),

by_grain as (
  -- Each grain's own count of the customer measures (see the header).
  select
    * exclude (
      answered_inbound, answered_inbound_legs, inbound_calls, abandoned, short_abandons,
      answered_within_target, answered_wait_s, queue_inbound_calls, queue_answered_inbound,
      queue_abandoned, queue_short_abandons, queue_answered_within_target, queue_answered_wait_s
    ),
    case grain
      when 'queue' then queue_answered_inbound
      when 'center' then answered_inbound
      else answered_inbound_legs
    end as answered_inbound,
    case when grain = 'queue' then queue_inbound_calls else inbound_calls end as inbound_calls,
    case when grain = 'queue' then queue_abandoned else abandoned end as abandoned,
    case when grain = 'queue' then queue_short_abandons else short_abandons end as short_abandons,
    case when grain = 'queue' then queue_answered_within_target else answered_within_target end as answered_within_target,
    -- Over the calls whose waits are summed (answered_inbound here is counted's: customer
    -- calls, not the legs an agent's grain reports).
    asa_s(
      case when grain = 'queue' then queue_answered_wait_s else answered_wait_s end,
      case when grain = 'queue' then queue_answered_inbound else answered_inbound end
    ) as asa_s
  from counted
),

final as (
  select
    grain,
    agent_id,
    team,
    queue,
    lead_grade,
    hour,
    day,
    calls,
    answered,
    answered_inbound,
    dialled,
    answered_outbound,
    interested,
    sales,
    talk_calls,
    surveys,
    audits,
    complaints,
    aht_s,
    agent_hangups,
    safe_ratio(agent_hangups, answered) as agent_hangup_rate,
    safe_ratio(transfers, answered) as transfer_rate,
    safe_ratio(answered_outbound, dialled) as contact_rate,
    safe_ratio(interested, answered_outbound) as interest_rate,
    conversion_rate(sales, answered_outbound) as conversion_rate,
    wilson_lo(sales, answered_outbound) as conversion_lo,
    wilson_hi(sales, answered_outbound) as conversion_hi,
    safe_ratio(dialled, sales) as calls_per_sale,
    revenue,
    talk_ratio(agent_talk_ms, customer_talk_ms) as talk_ratio,
    safe_ratio(surveys, answered) as response_rate,
    csat_mean,
    safe_ratio(csat_top2_answers, csat_answers) as csat_top2,
    100 * safe_ratio(promoters - detractors, nps_answers) as nps,
    audit_score,
    inbound_calls,
    abandoned,
    short_abandons,
    service_level(answered_within_target, answered_inbound, abandoned) as service_level,
    asa_s,
    abandon_rate(abandoned, answered_inbound) as abandon_rate,
    fcr_calls,
    safe_ratio(fcr_resolved, fcr_calls) as fcr_rate
  from by_grain
)

select * from final
