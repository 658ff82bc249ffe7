-- queue_daily: every daily measure (docs/metrics.md#daily-measures) for each queue, with the queue measures
-- (service level, ASA, abandon rate, FCR). Surveys follow their call's queue; audits and
-- complaints the queue of the call they name.
-- grain: one row per queue and local day with any activity (calls without a queue, such
--   as outbound campaign calls, are in center_daily only).
-- from: agg_daily_measures (grain 'queue').
-- unique: queue, day
-- not null: queue, day, calls, inbound_calls, abandoned, short_abandons, fcr_calls

with measures as (
  select * from agg_daily_measures
  where grain = 'queue'
    and queue is not null
),

final as (
  select
    queue,
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
    agent_hangup_rate,
    transfer_rate,
    contact_rate,
    conversion_rate,
    conversion_lo,
    conversion_hi,
    calls_per_sale,
    revenue,
    talk_ratio,
    response_rate,
    csat_mean,
    csat_top2,
    nps,
    audit_score,
    inbound_calls,
    abandoned,
    short_abandons,
    service_level,
    asa_s,
    abandon_rate,
    fcr_calls,
    fcr_rate
  from measures
)

select * from final
