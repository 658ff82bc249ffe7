-- peer_outlier: an agent whose metric over the window is far from their peers'.
-- Window: the $window_days days ending on $to. Metrics ($metrics): conversion (sales ÷
-- answered outbound), aht (mean handle_s of answered calls), talk_ratio (Σ agent talk ÷
-- Σ agent + customer talk), csat (mean of survey answers on the agent's calls).
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

agent_window as (
  -- One pass over the window: each agent's work (the direction most of their calls
  -- took), volumes and window metrics.
  select
    agent_id,
    mode(direction) as work,
    count(*) filter (where answered and direction = 'outbound') as answered_outbound,
    count(*) filter (where sale) as sales,
    count(*) filter (where answered) as answered,
    avg(handle_s) filter (where answered) as aht_s,
    count(talk_ratio) as talk_calls,
    sum(agent_talk_ms) / sum(agent_talk_ms + customer_talk_ms) as talk_ratio
  from window_calls
  group by agent_id
),

window_surveys as (
  select c.agent_id, s.survey_id, s.csat
  from stg_surveys as s
  join window_calls as c using (call_id)
  where s.csat is not null
),

agent_values as (
  select agent_id, 'conversion' as metric, sales / answered_outbound as value, answered_outbound as volume, $min_calls as min_volume
  from agent_window where answered_outbound > 0
  union all
  select agent_id, 'aht', aht_s, answered, $min_calls from agent_window
  union all
  select agent_id, 'talk_ratio', talk_ratio, talk_calls, $min_calls from agent_window
  union all
  select agent_id, 'csat', avg(csat), count(*), $min_surveys
  from window_surveys group by agent_id
),

qualified as materialized (
  select v.agent_id, v.metric, v.value, v.volume, g.team, w.work
  from agent_values as v
  join agent_window as w using (agent_id)
  left join dim_agents as g using (agent_id)
  where v.metric in (select unnest(cast(json($metrics) as varchar[])))
    and v.volume >= v.min_volume
    and v.value is not null
),

peer_pairs as (
  select a.agent_id, a.metric, a.value, a.volume, a.team, a.work, p.value as peer_value,
    coalesce(p.team = a.team, false) as teammate
  from qualified as a
  join qualified as p on p.metric = a.metric and p.work = a.work and p.agent_id <> a.agent_id
),

peer_groups as (
  -- Teammates when there are enough of them, else everyone doing the same work.
  select agent_id, metric, count(*) filter (where teammate) >= $min_peers as by_team
  from peer_pairs
  group by agent_id, metric
),

peers as (
  select pp.*, g.by_team
  from peer_pairs as pp
  join peer_groups as g using (agent_id, metric)
  where pp.teammate or not g.by_team
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
  select a.agent_id, a.metric, mad(p.residual) as residual_mad, median(p.residual) as residual_median
  from residuals as a
  join residuals as p on p.metric = a.metric and p.work = a.work and p.agent_id <> a.agent_id
  group by a.agent_id, a.metric
  having count(*) >= $min_peers
),

residual_mean_dev as (
  select a.agent_id, a.metric, avg(abs(p.residual - s.residual_median)) as mean_abs_dev
  from residuals as a
  join residual_spread as s using (agent_id, metric)
  join residuals as p on p.metric = a.metric and p.work = a.work and p.agent_id <> a.agent_id
  group by a.agent_id, a.metric
),

scored as (
  select
    r.*,
    r.residual / robust_scale(s.residual_mad, m.mean_abs_dev,
      case r.metric
        when 'conversion' then greatest(share_noise(r.peer_median, r.volume), 0.25 * r.peer_median)
        when 'aht' then 0.1 * r.peer_median
        when 'talk_ratio' then 0.02
        when 'csat' then 0.05
      end) as z
  from residuals as r
  join residual_spread as s using (agent_id, metric)
  join residual_mean_dev as m using (agent_id, metric)
),

outliers as (
  select * from scored where abs(z) > $z_threshold
),

evidence as (
  select
    o.agent_id,
    o.metric,
    case o.metric
      when 'conversion' then list(c.call_id order by c.call_id) filter (where c.answered and c.direction = 'outbound' and c.sale = (o.z > 0))
      when 'aht' then list(c.call_id order by case when o.z > 0 then -c.handle_s else c.handle_s end) filter (where c.answered)
      when 'talk_ratio' then list(c.call_id order by case when o.z > 0 then -c.talk_ratio else c.talk_ratio end) filter (where c.talk_ratio is not null)
    end as ids
  from outliers as o
  join window_calls as c using (agent_id)
  where o.metric <> 'csat'
  group by o.agent_id, o.metric, o.z
  union all
  select o.agent_id, o.metric, list(s.survey_id order by case when o.z > 0 then -s.csat else s.csat end, s.survey_id)
  from outliers as o
  join window_surveys as s using (agent_id)
  where o.metric = 'csat'
  group by o.agent_id, o.metric, o.z
),

final as (
  select
    anomaly_id('peer_outlier', 'agent', o.agent_id, cast($to as date), o.metric) as anomaly_id,
    'peer_outlier' as rule,
    case when abs(o.z) >= 2 * $z_threshold then 'high' else 'medium' end as severity,
    'agent' as entity_type,
    o.agent_id as entity_id,
    cast($to as date) as day,
    o.metric,
    o.value,
    o.peer_median as baseline,
    o.z as score,
    json_object('variant', case when o.by_team then 'team' else 'work' end, 'agent', o.agent_id, 'metric', o.metric,
      'window_days', $window_days, 'to', cast($to as date), 'value', o.value, 'volume', o.volume,
      'peer_median', o.peer_median, 'team', o.team, 'work', o.work, 'peers', o.peer_n, 'z', o.z) as explanation_args,
    coalesce(evidence_list(e.ids[1:20]), []) as evidence
  from outliers as o
  left join evidence as e using (agent_id, metric)
)

select * from final
