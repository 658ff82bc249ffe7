-- team_day: each team's measures on the report day.
-- grain: one row per team. from: team_daily.
with teams as (
  select * from team_daily
  where day = $day
),

final as (
  select
    team,
    calls,
    answered,
    sales,
    conversion_rate,
    conversion_lo,
    conversion_hi,
    aht_s,
    talk_ratio,
    agent_hangup_rate,
    csat_mean,
    audit_score,
    complaints
  from teams
)

select * from final
order by team
