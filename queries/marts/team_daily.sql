-- team_daily: the agent-attributable daily measures (docs/metrics.md#daily-measures) for each team, over the calls,
-- surveys, audits and complaints of its agents (talk ratio time-weighted over all of them).
-- grain: one row per team and local day with any activity.
-- from: agg_daily_measures (grain 'team'); agents without a team are left out.
-- unique: team, day
-- not null: team, day, calls, answered, sales, surveys, audits, complaints, revenue

with measures as (
  select * from agg_daily_measures
  where grain = 'team'
    and team is not null
),

final as (
  select * exclude (
    grain, agent_id, queue, inbound_calls, abandoned, short_abandons, service_level, asa_s,
    abandon_rate, fcr_calls, fcr_rate
  )
  from measures
)

select * from final
