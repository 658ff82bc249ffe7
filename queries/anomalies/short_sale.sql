-- short_sale: sales closed after less talk than short_sale_s seconds (default 60) — too
-- short to have explained the product, a sign of a forced or fabricated sale.
-- Grain: one row per sale call started on a day in [$from, $to].
-- From: call_facts (sale = answered outbound with disposition sale; talk_s = connected
-- time − hold). Baseline: the agent's median talk_s over their sales of the 28 days before
-- the call's day (null when they have none).
-- score: the share of the threshold missing, 1 − talk_s ÷ short_sale_s (1 = no talk at all).

with calls_in_reach as (
  select call_id, agent_id, day, talk_s
  from call_facts
  where sale
    and day between cast($from as date) - 28 and cast($to as date)
),

short_sales as (
  select *
  from calls_in_reach
  where day >= cast($from as date)
    and talk_s < $short_sale_s
),

usual_talk as (
  select
    short_sales.call_id,
    median(earlier.talk_s) as median_talk_s,
    count(earlier.call_id) as earlier_sales
  from short_sales
  left join calls_in_reach as earlier
    on earlier.agent_id = short_sales.agent_id
    and earlier.day between short_sales.day - 28 and short_sales.day - 1
  group by short_sales.call_id
),

final as (
  select
    anomaly_id('short_sale', 'call', short_sales.call_id, short_sales.day, 'talk_s') as anomaly_id,
    'short_sale' as rule,
    case when short_sales.talk_s < $short_sale_s / 2 then 'high' else 'medium' end as severity,
    'call' as entity_type,
    short_sales.call_id as entity_id,
    short_sales.day,
    'talk_s' as metric,
    short_sales.talk_s as value,
    usual_talk.median_talk_s as baseline,
    1 - greatest(short_sales.talk_s, 0) / $short_sale_s as score,
    json_object('variant', case when usual_talk.earlier_sales = 0 then 'first' end, 'agent', short_sales.agent_id, 'call', short_sales.call_id,
      'day', short_sales.day, 'talk_s', short_sales.talk_s, 'threshold', $short_sale_s, 'usual_talk_s', usual_talk.median_talk_s,
      'earlier_sales', usual_talk.earlier_sales) as explanation_args,
    [short_sales.call_id] as evidence
  from short_sales
  join usual_talk using (call_id)
)

select * from final
