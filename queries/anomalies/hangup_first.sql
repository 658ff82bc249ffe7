-- hangup_first: agents who hang up on customers first far more often than their peers.
-- Window: the $window_days days ending on $to. agent_hangup_rate = answered calls the
-- agent hung up first (agent_hung_up) ÷ answered calls, for agents with >= $min_calls answered.
-- Peers: every other such agent of the centre (hanging up is a behaviour, not a team's
-- product); fewer than $min_peers: no verdict. robust z = (x − peers' median) ÷ scale,
-- scale = robust_scale(MAD, mean |x − median|, binomial sd of the peers' median at the
-- agent's volume). One-sided: fires above +$z_threshold only.
-- Grain: one row per agent, written on the window's last day $to.
-- From: agent_daily (the agent's answered calls and hang-ups per day, summed over the
-- window), call_facts (the hung-up calls behind a verdict). value: the agent's rate;
-- baseline: peers' median; score: robust z.

with window_days as (
  select agent_id, answered, agent_hangups
  from agent_daily
  where day between cast($to as date) - $window_days + 1 and cast($to as date)
    and answered > 0
),

agent_rates as (
  select
    agent_id,
    sum(agent_hangups) / sum(answered) as rate,
    sum(answered) as answered,
    sum(agent_hangups) as hangups
  from window_days
  group by agent_id
  having sum(answered) >= $min_calls
),

peer_pairs as (
  select agent.*, peer.rate as peer_rate
  from agent_rates as agent
  join agent_rates as peer on peer.agent_id <> agent.agent_id
),

peer_centre as (
  select agent_id, any_value(rate) as rate, any_value(answered) as answered, any_value(hangups) as hangups,
    count(*) as peer_n, median(peer_rate) as peer_median, mad(peer_rate) as peer_mad
  from peer_pairs
  group by agent_id
  having count(*) >= $min_peers
),

peer_spread as (
  select peer_centre.*, avg(abs(peer_pairs.peer_rate - peer_centre.peer_median)) as mean_abs_dev
  from peer_centre
  join peer_pairs using (agent_id)
  group by all
),

scored as (
  select *, (rate - peer_median) / robust_scale(peer_mad, mean_abs_dev, share_noise(peer_median, answered)) as z
  from peer_spread
),

outliers as (
  select * from scored where z > $z_threshold
),

evidence as (
  -- The latest first; calls that started together by id, so the 20 shown never vary.
  select outliers.agent_id, list(call_facts.call_id order by call_facts.started_at desc, call_facts.call_id) as ids
  from outliers
  join call_facts using (agent_id)
  where call_facts.day between cast($to as date) - $window_days + 1 and cast($to as date)
    and call_facts.agent_hung_up
  group by outliers.agent_id
),

final as (
  select
    anomaly_id('hangup_first', 'agent', outliers.agent_id, cast($to as date), 'agent_hangup_rate') as anomaly_id,
    'hangup_first' as rule,
    case when outliers.z >= 2 * $z_threshold then 'high' else 'medium' end as severity,
    'agent' as entity_type,
    outliers.agent_id as entity_id,
    cast($to as date) as day,
    'agent_hangup_rate' as metric,
    outliers.rate as value,
    outliers.peer_median as baseline,
    outliers.z as score,
    json_object('agent', outliers.agent_id, 'hangups', outliers.hangups, 'answered', outliers.answered, 'rate', outliers.rate,
      'window_days', $window_days, 'to', cast($to as date), 'peers', outliers.peer_n, 'peer_median', outliers.peer_median,
      'z', outliers.z) as explanation_args,
    evidence_list(evidence.ids[1:20]) as evidence
  from outliers
  join evidence using (agent_id)
)

select * from final
