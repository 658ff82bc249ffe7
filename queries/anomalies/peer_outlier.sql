-- peer_outlier: an agent whose metric over the window is far from their peers'.
-- Window: the $window_days days ending on $to. Metrics ($metrics): conversion (sales ÷
-- answered outbound), aht (mean handle_s of answered calls) and talk_ratio (Σ agent talk ÷
-- Σ agent + customer talk) through the measures' own macros (conversion_rate, aht,
-- talk_ratio), csat (mean of survey answers on the agent's calls). Not read from the
-- agent_window mart: it holds no AHT and no work, and leaves out agents missing from
-- `agents`, whom this rule judges too.
-- Peers: the other agents of the same team with the volume to be judged ($min_calls
-- calls of the kind, $min_surveys surveys for csat); when the team has fewer than
-- $min_peers of them, every other such agent doing the same work (mostly inbound or
-- mostly outbound calls: handle times of the two differ by nature). Leaving the agent out
-- keeps a strong outlier from dragging its own baseline. Fewer than $min_peers peers: no
-- verdict.
-- robust z = (x − peers' median) ÷ scale. The scale is pooled: the MAD, over every other
-- agent doing the same work, of how far each sits from their own peers' median (a handful
-- of teammates gives too shaky a MAD), through robust_scale (mean absolute deviation when
-- the MAD is 0) and never below a floor, the difference between agents that is ordinary
-- (skill, style and lead mix alone make agents differ that much, so a scale estimated
-- from a handful of similar agents must not be finer): conversion a quarter of the peers'
-- median, or the binomial sd of that median at the agent's volume if larger; aht 10% of
-- the median; talk_ratio 0.02; csat 0.05.
-- Fires beyond ±$z_threshold.
-- Grain: one row per (agent, metric), written on the window's last day $to.
-- From: call_facts, stg_surveys, dim_agents. value: the agent's; baseline: peers' median;
-- score: robust z.

with window_calls as materialized (
  select call_id, agent_id, direction, answered, sale, handle_s, talk_ratio, agent_talk_ms, customer_talk_ms
  from call_facts
  where day between cast($to as date) - $window_days + 1 and cast($to as date)
    and agent_id is not null
),

agent_figures as (
  -- One pass over the window: each agent's work (the direction most of their calls
  -- took), volumes and window metrics.
  select
    agent_id,
    mode(direction) as work,
    count(*) filter (where answered and direction = 'outbound') as answered_outbound,
    count(*) filter (where sale) as sales,
    count(*) filter (where answered) as answered,
    aht(handle_s, answered) as aht_s,
    count(talk_ratio) as talk_calls,
    talk_ratio(sum(agent_talk_ms), sum(customer_talk_ms)) as talk_ratio
  from window_calls
  group by agent_id
),

window_surveys as (
  select window_calls.agent_id, stg_surveys.survey_id, stg_surveys.csat
  from stg_surveys
  join window_calls using (call_id)
  where stg_surveys.csat is not null
),

agent_values as (
  select agent_id, 'conversion' as metric, conversion_rate(sales, answered_outbound) as value, answered_outbound as volume,
    $min_calls as min_volume
  from agent_figures where answered_outbound > 0
  union all
  select agent_id, 'aht', aht_s, answered, $min_calls from agent_figures
  union all
  select agent_id, 'talk_ratio', talk_ratio, talk_calls, $min_calls from agent_figures
  union all
  select agent_id, 'csat', avg(csat), count(*), $min_surveys
  from window_surveys group by agent_id
),

qualified as materialized (
  select agent_values.agent_id, agent_values.metric, agent_values.value, agent_values.volume, dim_agents.team, agent_figures.work
  from agent_values
  join agent_figures using (agent_id)
  left join dim_agents using (agent_id)
  where agent_values.metric in (select unnest(cast(json($metrics) as varchar[])))
    and agent_values.volume >= agent_values.min_volume
    and agent_values.value is not null
),

peer_pairs as (
  select agent.agent_id, agent.metric, agent.value, agent.volume, agent.team, agent.work, peer.value as peer_value,
    coalesce(peer.team = agent.team, false) as teammate
  from qualified as agent
  join qualified as peer on peer.metric = agent.metric and peer.work = agent.work and peer.agent_id <> agent.agent_id
),

peer_groups as (
  -- Teammates when there are enough of them, else everyone doing the same work.
  select agent_id, metric, count(*) filter (where teammate) >= $min_peers as by_team
  from peer_pairs
  group by agent_id, metric
),

peers as (
  select pp.*, peer_groups.by_team
  from peer_pairs as pp
  join peer_groups using (agent_id, metric)
  where pp.teammate or not peer_groups.by_team
),

peer_centre as (
  -- Where the agent "should" be: the median of their peers.
  select agent_id, metric, any_value(value) as value, any_value(volume) as volume, any_value(team) as team,
    any_value(by_team) as by_team, any_value(work) as work, count(*) as peer_n, median(peer_value) as peer_median
  from peers
  group by agent_id, metric
  having count(*) >= $min_peers
),

residuals as materialized (
  select *, value - peer_median as residual from peer_centre
),

residual_spread as (
  -- How far agents doing the same work usually sit from their own peers' median: pooled
  -- over the whole centre (leaving the agent out), a steadier scale than the spread of a
  -- handful of teammates.
  select agent.agent_id, agent.metric, mad(peer.residual) as residual_mad, median(peer.residual) as residual_median
  from residuals as agent
  join residuals as peer on peer.metric = agent.metric and peer.work = agent.work and peer.agent_id <> agent.agent_id
  group by agent.agent_id, agent.metric
  having count(*) >= $min_peers
),

residual_mean_dev as (
  select agent.agent_id, agent.metric, avg(abs(peer.residual - residual_spread.residual_median)) as mean_abs_dev
  from residuals as agent
  join residual_spread using (agent_id, metric)
  join residuals as peer on peer.metric = agent.metric and peer.work = agent.work and peer.agent_id <> agent.agent_id
  group by agent.agent_id, agent.metric
),

scored as (
  select
    residuals.*,
    residuals.residual / robust_scale(residual_spread.residual_mad, residual_mean_dev.mean_abs_dev,
      case residuals.metric
        when 'conversion' then greatest(share_noise(residuals.peer_median, residuals.volume), 0.25 * residuals.peer_median)
        when 'aht' then 0.1 * residuals.peer_median
        when 'talk_ratio' then 0.02
        when 'csat' then 0.05
      end) as z
  from residuals
  join residual_spread using (agent_id, metric)
  join residual_mean_dev using (agent_id, metric)
),

outliers as (
  select * from scored where abs(z) > $z_threshold
),

evidence as (
  select
    outliers.agent_id,
    outliers.metric,
    case outliers.metric
      when 'conversion' then list(window_calls.call_id order by window_calls.call_id) filter (where window_calls.answered and window_calls.direction = 'outbound' and window_calls.sale = (outliers.z > 0))
      when 'aht' then list(window_calls.call_id order by case when outliers.z > 0 then -window_calls.handle_s else window_calls.handle_s end, window_calls.call_id) filter (where window_calls.answered)
      when 'talk_ratio' then list(window_calls.call_id order by case when outliers.z > 0 then -window_calls.talk_ratio else window_calls.talk_ratio end, window_calls.call_id) filter (where window_calls.talk_ratio is not null)
    end as ids
  from outliers
  join window_calls using (agent_id)
  where outliers.metric <> 'csat'
  group by outliers.agent_id, outliers.metric, outliers.z
  union all
  select outliers.agent_id, outliers.metric, list(window_surveys.survey_id order by case when outliers.z > 0 then -window_surveys.csat else window_surveys.csat end, window_surveys.survey_id)
  from outliers
  join window_surveys using (agent_id)
  where outliers.metric = 'csat'
  group by outliers.agent_id, outliers.metric, outliers.z
),

final as (
  select
    anomaly_id('peer_outlier', 'agent', outliers.agent_id, cast($to as date), outliers.metric) as anomaly_id,
    'peer_outlier' as rule,
    case when abs(outliers.z) >= 2 * $z_threshold then 'high' else 'medium' end as severity,
    'agent' as entity_type,
    outliers.agent_id as entity_id,
    cast($to as date) as day,
    outliers.metric,
    outliers.value,
    outliers.peer_median as baseline,
    outliers.z as score,
    json_object('variant', case when outliers.by_team then 'team' else 'work' end, 'agent', outliers.agent_id, 'metric', outliers.metric,
      'window_days', $window_days, 'to', cast($to as date), 'value', outliers.value, 'volume', outliers.volume,
      'peer_median', outliers.peer_median, 'team', outliers.team, 'work', outliers.work, 'peers', outliers.peer_n, 'z', outliers.z) as explanation_args,
    coalesce(evidence_list(evidence.ids[1:20]), []) as evidence
  from outliers
  left join evidence using (agent_id, metric)
)

select * from final
