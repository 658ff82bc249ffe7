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
  select
    team,
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
    audit_score
  from measures
)

select * from final
