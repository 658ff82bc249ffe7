-- metric_shift: an agent-day metric far from the agent's own recent normal.
-- For each watched metric ($metrics: calls, conversion, aht, talk_ratio, csat,
-- agent_hangup_rate) the baseline is the agent's days in the $baseline_days days before
-- the day: robust z = (x − median) ÷ scale, where scale = 1.4826 × MAD (see robust_scale
-- for MAD = 0) and never below the metric's noise floor:
--   calls √median (Poisson), conversion and hang-up rate the binomial sd of the baseline
--   share at the day's volume, aht 5% of the median, talk_ratio 0.02, csat 0.1.
-- It fires beyond ±$z_threshold. A day is judged only with enough volume ($min_calls
-- answered calls of the kind, $min_surveys surveys for csat; calls always) and only
-- against >= $min_baseline_days baseline days that had that volume: an agent in their
-- first weeks gets no verdict.
-- Grain: one row per (agent, day, metric) for days in [$from, $to].
-- From: agent_daily; evidence from call_facts and surveys (the day's calls or surveys
-- that show the shift, at most 20). value: the day's value; baseline: the median;
-- score: robust z.

with daily as (
  select
    agent_id,
    day,
    calls,
    answered,
    answered_outbound,
    talk_calls,
    surveys,
    conversion_rate,
    aht_s,
    talk_ratio,
    csat_mean,
    agent_hangup_rate
  from agent_daily
  where day between cast($from as date) - $baseline_days and cast($to as date)
),

metric_days as (
  select agent_id, day, 'calls' as metric, calls::double as value, calls as volume, 1 as min_volume from daily
  union all select agent_id, day, 'conversion', conversion_rate, answered_outbound, $min_calls from daily
  union all select agent_id, day, 'aht', aht_s, answered, $min_calls from daily
  union all select agent_id, day, 'talk_ratio', talk_ratio, talk_calls, $min_calls from daily
  union all select agent_id, day, 'csat', csat_mean, surveys, $min_surveys from daily
  union all select agent_id, day, 'agent_hangup_rate', agent_hangup_rate, answered, $min_calls from daily
),

judged_days as (
  select *
  from metric_days
  where metric in (select unnest(cast(json($metrics) as varchar[])))
    and value is not null
    and volume >= min_volume
),

targets as (
  select *
  from judged_days
  where day between cast($from as date) and cast($to as date)
),

baseline_days as (
  select t.agent_id, t.day, t.metric, t.value, t.volume, b.value as past_value
  from targets as t
  join judged_days as b
    on b.agent_id = t.agent_id
    and b.metric = t.metric
    and b.day between t.day - $baseline_days and t.day - 1
),

baseline_centre as (
  select agent_id, day, metric, any_value(value) as value, any_value(volume) as volume,
    count(*) as baseline_n, median(past_value) as baseline_median, mad(past_value) as baseline_mad
  from baseline_days
  group by agent_id, day, metric
  having count(*) >= $min_baseline_days
),

baseline_spread as (
  select c.*, avg(abs(b.past_value - c.baseline_median)) as mean_abs_dev
  from baseline_centre as c
  join baseline_days as b using (agent_id, day, metric)
  group by all
),

scored as (
  select
    *,
    (value - baseline_median) / robust_scale(baseline_mad, mean_abs_dev,
      case metric
        when 'calls' then sqrt(greatest(baseline_median, 1))
        when 'conversion' then share_noise(baseline_median, volume)
        when 'agent_hangup_rate' then share_noise(baseline_median, volume)
        when 'aht' then 0.05 * baseline_median
        when 'talk_ratio' then 0.02
        when 'csat' then 0.1
      end) as z
  from baseline_spread
),

shifts as (
  select * from scored where abs(z) > $z_threshold
),

day_calls as (
  -- Calls of the shifted agent-days, for the evidence.
  select f.*
  from call_facts as f
  semi join (select distinct agent_id, day from shifts) as s using (agent_id, day)
  where f.day between cast($from as date) and cast($to as date)
),

evidence as (
  select
    s.agent_id,
    s.day,
    s.metric,
    case s.metric
      when 'conversion' then list(c.call_id order by c.sale desc, c.call_id) filter (where c.answered and c.direction = 'outbound')
      when 'aht' then list(c.call_id order by case when s.z > 0 then -c.handle_s else c.handle_s end) filter (where c.answered)
      when 'talk_ratio' then list(c.call_id order by case when s.z > 0 then -c.talk_ratio else c.talk_ratio end) filter (where c.talk_ratio is not null)
      when 'agent_hangup_rate' then list(c.call_id order by c.disconnect_party = 'agent' desc, c.call_id) filter (where c.answered)
      when 'csat' then list(v.survey_id order by case when s.z > 0 then -v.csat else v.csat end) filter (where v.csat is not null)
      else list(c.call_id order by c.started_at)
    end as ids
  from shifts as s
  join day_calls as c using (agent_id, day)
  left join surveys as v on s.metric = 'csat' and v.call_id = c.call_id
  group by s.agent_id, s.day, s.metric, s.z
),

final as (
  select
    anomaly_id('metric_shift', 'agent', s.agent_id, s.day, s.metric) as anomaly_id,
    'metric_shift' as rule,
    case when abs(s.z) >= 2 * $z_threshold then 'high' else 'medium' end as severity,
    'agent' as entity_type,
    s.agent_id as entity_id,
    s.day,
    s.metric,
    s.value,
    s.baseline_median as baseline,
    s.z as score,
    format('Agent {}''s {} was {} on {} against a usual {} (median of their previous {} days); robust z = {}.',
      s.agent_id, measure_label(s.metric), measure_text(s.metric, s.value), s.day,
      measure_text(s.metric, s.baseline_median), s.baseline_n, round(s.z, 1)) as explanation,
    coalesce(evidence_list(e.ids[1:20]), []) as evidence
  from shifts as s
  left join evidence as e using (agent_id, day, metric)
)

select * from final
