-- complaint_after_sale: a complaint from the customer of a sale within $window_days days
-- after the sale ended — the classic sign of mis-selling.
-- Grain: one row per (sale call, local day the complaint was opened), days in [$from, $to];
-- several complaints about one sale on one day share a row.
-- From: stg_complaints (opened in range, with a customer_id) and stg_calls (sales up to
-- $window_days days before). value: days from the sale to the first complaint;
-- baseline: $window_days; score: complaints in the row.

with complaints_in_range as (
  select
    complaint_id,
    customer_id,
    opened_at,
    severity,
    category,
    day
  from stg_complaints
  where customer_id is not null
    and opened_at >= cast(cast($from as date) as timestamptz)
    and opened_at < cast(cast($to as date) + 1 as timestamptz)
),

sales as (
  select call_id, agent_id, customer_id, ended_at
  from stg_calls
  where direction = 'outbound'
    and disposition = 'sale'
    and answered_at is not null
    and customer_id is not null
    and ended_at >= cast(cast($from as date) - $window_days - 1 as timestamptz)
    and ended_at < cast(cast($to as date) + 1 as timestamptz)
),

matched as (
  select
    sales.call_id,
    sales.agent_id,
    sales.ended_at as sale_ended_at,
    complaints_in_range.day,
    complaints_in_range.complaint_id,
    complaints_in_range.severity,
    complaints_in_range.category,
    epoch(complaints_in_range.opened_at - sales.ended_at) / 86400 as days_after
  from complaints_in_range
  join sales
    on sales.customer_id = complaints_in_range.customer_id
    and complaints_in_range.opened_at >= sales.ended_at
    and complaints_in_range.opened_at <= sales.ended_at + to_days(cast($window_days as integer))
),

per_sale_day as (
  select
    call_id,
    day,
    any_value(agent_id) as agent_id,
    any_value(sale_ended_at) as sale_ended_at,
    min(days_after) as days_after,
    count(*) as complaint_count,
    bool_or(severity = 'high') as any_high,
    list(complaint_id order by complaint_id) as complaint_ids,
    list(distinct category order by category nulls last) as categories
  from matched
  group by call_id, day
),

final as (
  select
    anomaly_id('complaint_after_sale', 'call', call_id, day, 'days_after_sale') as anomaly_id,
    'complaint_after_sale' as rule,
    case when any_high then 'high' else 'medium' end as severity,
    'call' as entity_type,
    call_id as entity_id,
    day,
    'days_after_sale' as metric,
    days_after as value,
    $window_days as baseline,
    complaint_count as score,
    json_object('call', call_id, 'agent', agent_id, 'sale_day', cast(sale_ended_at as date), 'days', days_after,
      'day', day, 'complaints', complaint_ids, 'categories', categories) as explanation_args,
    evidence_list(list_prepend(call_id, complaint_ids)) as evidence
  from per_sale_day
)

select * from final
