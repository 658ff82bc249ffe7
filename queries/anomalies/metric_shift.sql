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
  select call_id, agent_id, day, started_at, direction, queue, campaign_id, answered, sale, handle_s, talk_ratio, disconnect_party
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
  select c.agent_id, c.day, count(s.csat) as n, sum(s.csat) as total, sum(s.csat * s.csat) as total_sq
  from stg_surveys as s
  join window_calls as c using (call_id)
  group by c.agent_id, c.day
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
  select d.agent_id, d.day, 'talk_ratio', d.talk_ratio, d.talk_calls, $min_calls, m.n, m.total, m.total_sq
  from daily as d left join talk_moments as m using (agent_id, day)
  union all
  select d.agent_id, d.day, 'csat', d.csat_mean, d.surveys, $min_surveys, m.n, m.total, m.total_sq
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
  select t.agent_id, t.day, t.metric, t.value, t.scaled, t.volume, b.day as past_day, b.value as past_value,
    b.volume as past_volume, b.scaled as past_scaled, b.single_n, b.single_total, b.single_total_sq
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
    sqrt(greatest((sum(b.single_total_sq) - sum(b.single_total) ^ 2 / sum(b.single_n)) / nullif(sum(b.single_n) - 1, 0), 0)) as single_sd
  from baseline_centre as c
  join baseline_days as b using (agent_id, day, metric)
  where c.metric <> 'aht'
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
    c.agent_id, c.day, c.metric,
    round(any_value(c.value) * any_value(c.volume))::bigint as k,
    any_value(c.volume) as n,
    (sum(b.past_value * b.past_volume) + 0.5) / (sum(b.past_volume) + 1) as p
  from baseline_centre as c
  join baseline_days as b using (agent_id, day, metric)
  where c.metric in ('conversion', 'agent_hangup_rate')
  group by c.agent_id, c.day, c.metric
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
    s.agent_id, s.day, s.metric, s.value, s.baseline_median, s.baseline_n, s.expected,
    case
      when t.z is null then s.z
      when sign(t.z) = sign(s.z) then sign(s.z) * least(abs(s.z), abs(t.z))
      else 0
    end as z
  from plain_scores as s
  left join share_tails as t using (agent_id, day, metric)
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
  select b.agent_id, b.day, b.past_day, false
  from baseline_days as b
  semi join baseline_centre as c on c.agent_id = b.agent_id and c.day = b.day and c.metric = 'aht'
  where b.metric = 'aht'
),

type_norms as (
  -- The agent's pace per call type over a target's baseline days: mean handle time,
  -- mean and within-type sum of squares of log handle time.
  select d.agent_id, d.day, c.call_type, sum(c.n) as n, sum(c.total_s) / sum(c.n) as mean_s,
    sum(c.total_log) / sum(c.n) as mean_log,
    sum(c.total_log_sq) - sum(c.total_log) ^ 2 / sum(c.n) as within_log_ss
  from aht_days as d
  join call_types as c on c.agent_id = d.agent_id and c.day = d.judged_day
  where not d.is_target
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
    d.agent_id, d.day, d.judged_day, d.is_target,
    sum(c.n * coalesce(t.mean_s, o.mean_s)) / sum(c.n) as expected,
    sum(c.total_log - c.n * coalesce(t.mean_log, o.mean_log)) / sum(c.n) as log_residual,
    sum(c.n) as n
  from aht_days as d
  join call_types as c on c.agent_id = d.agent_id and c.day = d.judged_day
  join overall_norms as o on o.agent_id = d.agent_id and o.day = d.day
  left join type_norms as t on t.agent_id = d.agent_id and t.day = d.day and t.call_type = c.call_type
  group by all
),

aht_baselines as (
  select agent_id, day, median(log_residual) as residual_median, mad(log_residual) as residual_mad
  from aht_residuals
  where not is_target
  group by agent_id, day
),

aht_spreads as (
  select r.agent_id, r.day, avg(abs(r.log_residual - b.residual_median)) as mean_abs_dev
  from aht_residuals as r
  join aht_baselines as b using (agent_id, day)
  where not r.is_target
  group by r.agent_id, r.day
),

aht_scores as (
  select
    c.agent_id, c.day, 'aht' as metric, c.value, c.baseline_median, c.baseline_n,
    r.expected,
    (r.log_residual - b.residual_median)
      / robust_scale(b.residual_mad, s.mean_abs_dev, greatest(o.within_log_sd / sqrt(r.n), ln(1.05))) as z
  from baseline_centre as c
  join aht_residuals as r on r.agent_id = c.agent_id and r.day = c.day and r.is_target
  join aht_baselines as b on b.agent_id = c.agent_id and b.day = c.day
  join aht_spreads as s on s.agent_id = c.agent_id and s.day = c.day
  join overall_norms as o on o.agent_id = c.agent_id and o.day = c.day
  where c.metric = 'aht'
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
  join window_calls as c using (agent_id, day)
  left join stg_surveys as v on s.metric = 'csat' and v.call_id = c.call_id
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
    json_object('agent', s.agent_id, 'metric', s.metric, 'value', s.value, 'day', s.day, 'baseline', s.baseline_median,
      'baseline_days', s.baseline_n, 'expected', s.expected, 'z', s.z) as explanation_args,
    coalesce(evidence_list(e.ids[1:20]), []) as evidence
  from shifts as s
  left join evidence as e using (agent_id, day, metric)
)

select * from final
