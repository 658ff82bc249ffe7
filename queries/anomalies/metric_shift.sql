-- metric_shift: an agent-day metric far from the agent's own recent normal.
-- For each watched metric ($metrics: calls, conversion, aht, talk_ratio, csat,
-- agent_hangup_rate) the baseline is the agent's days in the $baseline_days days before
-- the day: robust z = (x − median) ÷ scale, where scale = 1.4826 × MAD of the baseline
-- days (see robust_scale for MAD = 0), never below the day's own sampling noise, because a
-- day's mean over a few dozen calls cannot be judged more finely than that:
--   calls √median (Poisson); conversion and hang-up rate are judged as asin √share
--   (see judged_days), whose noise is 1 ÷ (2√(the day's volume)); aht, talk_ratio and csat the sd
--   of the agent's single calls
--   (surveys) over the baseline days ÷ √(the day's volume), and at least 5% of the median
--   (aht), 0.02 (talk_ratio), 0.1 (csat).
-- It fires beyond ±$z_threshold. A day is judged only with enough volume ($min_calls
-- answered calls of the kind, $min_surveys surveys for csat; calls always) and only
-- against >= $min_baseline_days baseline days that had that volume: an agent in their
-- first weeks gets no verdict.
-- Grain: one row per (agent, day, metric) for days in [$from, $to].
-- From: agent_daily; call_facts and surveys for the call-level spread and the evidence
-- (the day's calls or surveys that show the shift, at most 20). value: the day's value;
-- baseline: the median; score: robust z.

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

call_moments as (
  -- Count, sum and sum of squares of single-call values per agent-day, for their spread.
  select
    agent_id,
    day,
    count(handle_s) filter (where answered) as handle_n,
    sum(handle_s) filter (where answered) as handle_sum,
    sum(handle_s * handle_s) filter (where answered) as handle_sumsq,
    count(talk_ratio) as talk_n,
    sum(talk_ratio) as talk_sum,
    sum(talk_ratio * talk_ratio) as talk_sumsq
  from call_facts
  where day between cast($from as date) - $baseline_days and cast($to as date)
    and agent_id is not null
  group by agent_id, day
),

survey_moments as (
  select c.agent_id, c.day, count(s.csat) as csat_n, sum(s.csat) as csat_sum, sum(s.csat * s.csat) as csat_sumsq
  from surveys as s
  join call_facts as c using (call_id)
  where c.day between cast($from as date) - $baseline_days and cast($to as date)
    and c.agent_id is not null
  group by c.agent_id, c.day
),

metric_days as (
  select agent_id, day, 'calls' as metric, calls::double as value, calls as volume, 1 as min_volume,
    null::bigint as single_n, null::double as single_sum, null::double as single_sumsq
  from daily
  union all
  select agent_id, day, 'conversion', conversion_rate, answered_outbound, $min_calls, null, null, null from daily
  union all
  select d.agent_id, d.day, 'aht', d.aht_s, d.answered, $min_calls, m.handle_n, m.handle_sum, m.handle_sumsq
  from daily as d left join call_moments as m using (agent_id, day)
  union all
  select d.agent_id, d.day, 'talk_ratio', d.talk_ratio, d.talk_calls, $min_calls, m.talk_n, m.talk_sum, m.talk_sumsq
  from daily as d left join call_moments as m using (agent_id, day)
  union all
  select d.agent_id, d.day, 'csat', d.csat_mean, d.surveys, $min_surveys, m.csat_n, m.csat_sum, m.csat_sumsq
  from daily as d left join survey_moments as m using (agent_id, day)
  union all
  select agent_id, day, 'agent_hangup_rate', agent_hangup_rate, answered, $min_calls, null, null, null from daily
),

judged_days as (
  -- Shares k of n are judged on the arcsine-square-root scale (Anscombe's form,
  -- asin √((k + 3/8) ÷ (n + 3/4))), where their noise no longer depends on the share (sd
  -- 1 ÷ (2√n)): a few hang-ups on a day of an agent who rarely hangs up, or a day without
  -- a sale, are not the 4-sigma events a plain z would make of them.
  select
    *,
    case
      when metric in ('conversion', 'agent_hangup_rate') then asin(sqrt((value * volume + 3 / 8) / (volume + 3 / 4)))
      else value
    end as scaled
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
  select t.agent_id, t.day, t.metric, t.value, t.scaled, t.volume, b.value as past_value, b.scaled as past_scaled,
    b.single_n, b.single_sum, b.single_sumsq
  from targets as t
  join judged_days as b
    on b.agent_id = t.agent_id
    and b.metric = t.metric
    and b.day between t.day - $baseline_days and t.day - 1
),

baseline_centre as (
  select agent_id, day, metric, any_value(value) as value, any_value(scaled) as scaled, any_value(volume) as volume,
    count(*) as baseline_n, median(past_value) as baseline_median,
    median(past_scaled) as scaled_median, mad(past_scaled) as scaled_mad
  from baseline_days
  group by agent_id, day, metric
  having count(*) >= $min_baseline_days
),

baseline_spread as (
  select
    c.*,
    avg(abs(b.past_scaled - c.scaled_median)) as mean_abs_dev,
    -- sd of the single calls (surveys) of the baseline days
    sqrt(greatest((sum(b.single_sumsq) - sum(b.single_sum) ^ 2 / sum(b.single_n)) / nullif(sum(b.single_n) - 1, 0), 0)) as single_sd
  from baseline_centre as c
  join baseline_days as b using (agent_id, day, metric)
  group by all
),

scored as (
  select
    *,
    (scaled - scaled_median) / robust_scale(scaled_mad, mean_abs_dev,
      case metric
        when 'calls' then sqrt(greatest(baseline_median, 1))
        when 'conversion' then 1 / (2 * sqrt(volume))
        when 'agent_hangup_rate' then 1 / (2 * sqrt(volume))
        when 'aht' then greatest(0.05 * baseline_median, single_sd / sqrt(volume))
        when 'talk_ratio' then greatest(0.02, single_sd / sqrt(volume))
        when 'csat' then greatest(0.1, single_sd / sqrt(volume))
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
