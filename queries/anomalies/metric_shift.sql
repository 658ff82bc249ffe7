-- metric_shift: an agent-day metric far from the agent's own recent normal.
-- For each watched metric ($metrics: calls, conversion, aht, talk_ratio, csat,
-- agent_hangup_rate) the baseline is the agent's days in the $baseline_days days before
-- the day: robust z = (x − median) ÷ scale, where scale = 1.4826 × MAD of the baseline
-- days (see robust_scale for MAD = 0), never below the day's own sampling noise, because a
-- day's figure over a few dozen calls cannot be judged more finely than that:
--   calls √median (Poisson); conversion and hang-up rate are judged as asin √share (see
--   judged_days), whose noise is 1 ÷ (2√(the day's volume)), and their z is capped by the
--   exact binomial tail of the day's count (see plain_judged); talk_ratio and csat the sd of
--   the agent's single calls (surveys) over the baseline days ÷ √(the day's volume), and at
--   least 0.02 (talk_ratio), 0.1 (csat).
-- aht is judged against its call mix: a day with three times the usual sales (long calls)
-- or mostly tech-support calls is long for that reason alone. Each call is compared with
-- the agent's baseline pace for its type (direction, queue or campaign, sale) on the log
-- scale (handle times are skewed); the day's mean log residual gets a robust z against
-- the same residual on the baseline days, with a floor of the within-type sd of log
-- handle times ÷ √(the day's calls), and at least log 1.05 (5%). The explanation also
-- gives the aht the day's mix would have taken at the agent's usual pace.
-- It fires beyond ±$z_threshold. A day is judged only with enough volume ($min_calls
-- answered calls of the kind, $min_surveys surveys for csat; calls always) and only
-- against >= $min_baseline_days baseline days that had that volume: an agent in their
-- first weeks gets no verdict.
-- Grain: one row per (agent, day, metric) for days in [$from, $to].
-- From: agent_daily; call_facts and stg_surveys for the spread of single calls, the call mix
-- and the evidence (the day's calls or surveys that show the shift, at most 20).
-- value: the day's value; baseline: the median of the baseline days; score: robust z.

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

window_calls as (
  select call_id, agent_id, day, started_at, direction, queue, campaign_id, answered, sale, handle_s, talk_ratio, agent_hung_up
  from call_facts
  where day between cast($from as date) - $baseline_days and cast($to as date)
    and agent_id is not null
),

talk_moments as (
  -- Count, sum and sum of squares of single-call talk ratios per agent-day, for their spread.
  select agent_id, day, count(talk_ratio) as n, sum(talk_ratio) as total, sum(talk_ratio * talk_ratio) as total_sq
  from window_calls
  group by agent_id, day
),

survey_moments as (
  select window_calls.agent_id, window_calls.day, count(stg_surveys.csat) as n, sum(stg_surveys.csat) as total, sum(stg_surveys.csat * stg_surveys.csat) as total_sq
  from stg_surveys
  join window_calls using (call_id)
  group by window_calls.agent_id, window_calls.day
),

metric_days as (
  select agent_id, day, 'calls' as metric, calls::double as value, calls as volume, 1 as min_volume,
    null::bigint as single_n, null::double as single_total, null::double as single_total_sq
  from daily
  union all
  select agent_id, day, 'conversion', conversion_rate, answered_outbound, $min_calls, null, null, null from daily
  union all
  select agent_id, day, 'aht', aht_s, answered, $min_calls, null, null, null from daily
  union all
  select daily.agent_id, daily.day, 'talk_ratio', daily.talk_ratio, daily.talk_calls, $min_calls,
    talk_moments.n, talk_moments.total, talk_moments.total_sq
  from daily left join talk_moments using (agent_id, day)
  union all
  select daily.agent_id, daily.day, 'csat', daily.csat_mean, daily.surveys, $min_surveys,
    survey_moments.n, survey_moments.total, survey_moments.total_sq
  from daily left join survey_moments using (agent_id, day)
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
  select targets.agent_id, targets.day, targets.metric, targets.value, targets.scaled, targets.volume, judged_days.day as past_day, judged_days.value as past_value,
    judged_days.volume as past_volume, judged_days.scaled as past_scaled, judged_days.single_n, judged_days.single_total, judged_days.single_total_sq
  from targets
  join judged_days
    on judged_days.agent_id = targets.agent_id
    and judged_days.metric = targets.metric
    and judged_days.day between targets.day - $baseline_days and targets.day - 1
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
    baseline_centre.*,
    avg(abs(baseline_days.past_scaled - baseline_centre.scaled_median)) as mean_abs_dev,
    -- sd of the single calls (surveys) of the baseline days
    sqrt(greatest(
      (sum(baseline_days.single_total_sq) - sum(baseline_days.single_total) ^ 2 / sum(baseline_days.single_n))
        / nullif(sum(baseline_days.single_n) - 1, 0),
      0)) as single_sd
  from baseline_centre
  join baseline_days using (agent_id, day, metric)
  where baseline_centre.metric <> 'aht'
  group by all
),

plain_scores as (
  select
    agent_id, day, metric, value, volume, baseline_median, baseline_n,
    null::double as expected,
    (scaled - scaled_median) / robust_scale(scaled_mad, mean_abs_dev,
      case metric
        when 'calls' then sqrt(greatest(baseline_median, 1))
        when 'conversion' then 1 / (2 * sqrt(volume))
        when 'agent_hangup_rate' then 1 / (2 * sqrt(volume))
        when 'talk_ratio' then greatest(0.02, single_sd / sqrt(volume))
        when 'csat' then greatest(0.1, single_sd / sqrt(volume))
      end) as z
  from baseline_spread
),

share_counts as (
  -- A share's day as k successes of n, against the agent's pooled baseline share p
  -- (with half a success and one trial added, so a baseline of 0 or 1 still allows surprise).
  select
    baseline_centre.agent_id, baseline_centre.day, baseline_centre.metric,
    round(any_value(baseline_centre.value) * any_value(baseline_centre.volume))::bigint as k,
    any_value(baseline_centre.volume) as n,
    (sum(baseline_days.past_value * baseline_days.past_volume) + 0.5) / (sum(baseline_days.past_volume) + 1) as p
  from baseline_centre
  join baseline_days using (agent_id, day, metric)
  where baseline_centre.metric in ('conversion', 'agent_hangup_rate')
  group by baseline_centre.agent_id, baseline_centre.day, baseline_centre.metric
),

share_tails as (
  -- Exact binomial mid-p tail of the day's count on the side it fell, as a normal quantile.
  select
    agent_id, day, metric,
    case
      -- coalesce: at k = n (every call a sale) or k = 0 there is no count beyond k, a sum of nothing.
      when k >= n * p then probit_upper(least(coalesce(sum(pmf) filter (where j > k), 0) + 0.5 * sum(pmf) filter (where j = k), 0.5))
      else -probit_upper(least(coalesce(sum(pmf) filter (where j < k), 0) + 0.5 * sum(pmf) filter (where j = k), 0.5))
    end as z
  from (
    select *, exp(lgamma(n + 1) - lgamma(j + 1) - lgamma(n - j + 1) + j * ln(p) + (n - j) * ln(1 - p)) as pmf
    from (select *, unnest(range(0, n + 1)) as j from share_counts)
  )
  group by agent_id, day, metric, k, n, p
),

plain_judged as (
  -- A share must be extreme both against the agent's day-to-day spread (robust z) and as
  -- a count (the exact tail): the weaker of the two, same direction, is its score. The
  -- normal approximation alone overstates rare counts, e.g. a day without a sale.
  select
    plain_scores.agent_id, plain_scores.day, plain_scores.metric, plain_scores.value, plain_scores.baseline_median, plain_scores.baseline_n, plain_scores.expected,
    case
      when share_tails.z is null then plain_scores.z
      when sign(share_tails.z) = sign(plain_scores.z) then sign(plain_scores.z) * least(abs(plain_scores.z), abs(share_tails.z))
      else 0
    end as z
  from plain_scores
  left join share_tails using (agent_id, day, metric)
),

call_types as (
  -- Answered calls per agent-day and call type: the mix behind a day's handle time.
  -- Handle times are compared on the log scale (they are skewed: a few very long calls
  -- should not make a day look like a shift), so the log sums are kept too.
  select
    agent_id,
    day,
    concat_ws('|', direction, coalesce(queue, campaign_id, '-'), sale) as call_type,
    count(*) as n,
    sum(handle_s) as total_s,
    sum(ln(greatest(handle_s, 1))) as total_log,
    sum(ln(greatest(handle_s, 1)) ^ 2) as total_log_sq
  from window_calls
  where answered and handle_s is not null
  group by all
),

aht_days as (
  -- Each judged aht day (target) with itself and its baseline days.
  select agent_id, day, day as judged_day, true as is_target
  from baseline_centre where metric = 'aht'
  union all
  select baseline_days.agent_id, baseline_days.day, baseline_days.past_day, false
  from baseline_days
  semi join baseline_centre on baseline_centre.agent_id = baseline_days.agent_id and baseline_centre.day = baseline_days.day and baseline_centre.metric = 'aht'
  where baseline_days.metric = 'aht'
),

type_norms as (
  -- The agent's pace per call type over a target's baseline days: mean handle time,
  -- mean and within-type sum of squares of log handle time.
  select aht_days.agent_id, aht_days.day, call_types.call_type, sum(call_types.n) as n, sum(call_types.total_s) / sum(call_types.n) as mean_s,
    sum(call_types.total_log) / sum(call_types.n) as mean_log,
    sum(call_types.total_log_sq) - sum(call_types.total_log) ^ 2 / sum(call_types.n) as within_log_ss
  from aht_days
  join call_types on call_types.agent_id = aht_days.agent_id and call_types.day = aht_days.judged_day
  where not aht_days.is_target
  group by all
),

overall_norms as (
  select agent_id, day, sum(mean_s * n) / sum(n) as mean_s, sum(mean_log * n) / sum(n) as mean_log,
    sqrt(greatest(sum(within_log_ss), 0) / nullif(sum(n) - count(*), 0)) as within_log_sd
  from type_norms
  group by agent_id, day
),

aht_residuals as (
  -- Each day against the agent's baseline pace for its mix of calls (a type unseen in
  -- the baseline counts at the agent's overall pace): the aht expected, and the mean log
  -- residual (how much longer or shorter than usual, on the log scale, its calls took).
  select
    aht_days.agent_id, aht_days.day, aht_days.judged_day, aht_days.is_target,
    sum(call_types.n * coalesce(type_norms.mean_s, overall_norms.mean_s)) / sum(call_types.n) as expected,
    sum(call_types.total_log - call_types.n * coalesce(type_norms.mean_log, overall_norms.mean_log)) / sum(call_types.n) as log_residual,
    sum(call_types.n) as n
  from aht_days
  join call_types on call_types.agent_id = aht_days.agent_id and call_types.day = aht_days.judged_day
  join overall_norms on overall_norms.agent_id = aht_days.agent_id and overall_norms.day = aht_days.day
  left join type_norms on type_norms.agent_id = aht_days.agent_id and type_norms.day = aht_days.day and type_norms.call_type = call_types.call_type
  group by all
),

aht_baselines as (
  select agent_id, day, median(log_residual) as residual_median, mad(log_residual) as residual_mad
  from aht_residuals
  where not is_target
  group by agent_id, day
),

aht_spreads as (
  select aht_residuals.agent_id, aht_residuals.day, avg(abs(aht_residuals.log_residual - aht_baselines.residual_median)) as mean_abs_dev
  from aht_residuals
  join aht_baselines using (agent_id, day)
  where not aht_residuals.is_target
  group by aht_residuals.agent_id, aht_residuals.day
),

aht_scores as (
  select
    baseline_centre.agent_id, baseline_centre.day, 'aht' as metric, baseline_centre.value, baseline_centre.baseline_median, baseline_centre.baseline_n,
    aht_residuals.expected,
    (aht_residuals.log_residual - aht_baselines.residual_median)
      / robust_scale(aht_baselines.residual_mad, aht_spreads.mean_abs_dev, greatest(overall_norms.within_log_sd / sqrt(aht_residuals.n), ln(1.05))) as z
  from baseline_centre
  join aht_residuals on aht_residuals.agent_id = baseline_centre.agent_id and aht_residuals.day = baseline_centre.day and aht_residuals.is_target
  join aht_baselines on aht_baselines.agent_id = baseline_centre.agent_id and aht_baselines.day = baseline_centre.day
  join aht_spreads on aht_spreads.agent_id = baseline_centre.agent_id and aht_spreads.day = baseline_centre.day
  join overall_norms on overall_norms.agent_id = baseline_centre.agent_id and overall_norms.day = baseline_centre.day
  where baseline_centre.metric = 'aht'
),

scored as (
  select * from plain_judged
  union all
  select * from aht_scores
),

shifts as (
  select * from scored where abs(z) > $z_threshold
),

evidence as (
  -- Ties broken by id: the 20 shown are the same on every run.
  select
    shifts.agent_id,
    shifts.day,
    shifts.metric,
    case shifts.metric
      when 'conversion' then list(window_calls.call_id order by window_calls.sale desc, window_calls.call_id)
        filter (where window_calls.answered and window_calls.direction = 'outbound')
      when 'aht' then list(window_calls.call_id
        order by case when shifts.z > 0 then -window_calls.handle_s else window_calls.handle_s end, window_calls.call_id)
        filter (where window_calls.answered)
      when 'talk_ratio' then list(window_calls.call_id
        order by case when shifts.z > 0 then -window_calls.talk_ratio else window_calls.talk_ratio end, window_calls.call_id)
        filter (where window_calls.talk_ratio is not null)
      when 'agent_hangup_rate' then list(window_calls.call_id order by window_calls.agent_hung_up desc, window_calls.call_id)
        filter (where window_calls.answered)
      when 'csat' then list(stg_surveys.survey_id order by case when shifts.z > 0 then -stg_surveys.csat else stg_surveys.csat end, stg_surveys.survey_id)
        filter (where stg_surveys.csat is not null)
      else list(window_calls.call_id order by window_calls.started_at, window_calls.call_id)
    end as ids
  from shifts
  join window_calls using (agent_id, day)
  left join stg_surveys on shifts.metric = 'csat' and stg_surveys.call_id = window_calls.call_id
  group by shifts.agent_id, shifts.day, shifts.metric, shifts.z
),

final as (
  select
    anomaly_id('metric_shift', 'agent', shifts.agent_id, shifts.day, shifts.metric) as anomaly_id,
    'metric_shift' as rule,
    case when abs(shifts.z) >= 2 * $z_threshold then 'high' else 'medium' end as severity,
    'agent' as entity_type,
    shifts.agent_id as entity_id,
    shifts.day,
    shifts.metric,
    shifts.value,
    shifts.baseline_median as baseline,
    shifts.z as score,
    json_object('agent', shifts.agent_id, 'metric', shifts.metric, 'value', shifts.value, 'day', shifts.day, 'baseline', shifts.baseline_median,
      'baseline_days', shifts.baseline_n, 'expected', shifts.expected, 'z', shifts.z) as explanation_args,
    coalesce(evidence_list(evidence.ids[1:20]), []) as evidence
  from shifts
  left join evidence using (agent_id, day, metric)
)

select * from final
