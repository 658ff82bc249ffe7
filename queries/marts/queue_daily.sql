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
  select * exclude (grain, agent_id, team)
  from measures
)

select * from final
