-- anomaly_history: for each listed anomaly about an agent's or a team's daily metric, that
-- metric over the 28 days ending on the anomaly's day, with the anomaly's day marked (the
-- sparkline in the anomalies table). Rules name metrics briefly (conversion, aht, csat);
-- metric_columns maps each to its column in agent_daily / team_daily.
-- grain: one row per (anomaly, day). from: anomalies, agent_daily, team_daily.
with found as (
  select * from anomalies
  where (day between $week_start and $day)
    and entity_type in ('agent', 'team')
),

metric_columns (metric, measure) as (
  values
    ('calls', 'calls'),
    ('conversion', 'conversion_rate'),
    ('conversion_rate', 'conversion_rate'),
    ('aht', 'aht_s'),
    ('aht_s', 'aht_s'),
    ('talk_ratio', 'talk_ratio'),
    ('csat', 'csat_mean'),
    ('csat_mean', 'csat_mean'),
    ('agent_hangup_rate', 'agent_hangup_rate'),
    ('audit_score', 'audit_score')
),

daily_rows as (
  -- agents and teams side by side, so one unpivot serves both
  select 'agent' as entity_type, agent_id as entity_id, day,
    calls, conversion_rate, aht_s, talk_ratio, csat_mean, agent_hangup_rate, audit_score
  from agent_daily
  where day between $week_start - interval 27 day and $day
  union all
  select 'team', team, day,
    calls, conversion_rate, aht_s, talk_ratio, csat_mean, agent_hangup_rate, audit_score
  from team_daily
  where day between $week_start - interval 27 day and $day
),

daily_values as (
  unpivot (
    select
      entity_type,
      entity_id,
      day,
      calls::double as calls,
      conversion_rate::double as conversion_rate,
      aht_s::double as aht_s,
      talk_ratio::double as talk_ratio,
      csat_mean::double as csat_mean,
      agent_hangup_rate::double as agent_hangup_rate,
      audit_score::double as audit_score
    from daily_rows
  )
  on calls, conversion_rate, aht_s, talk_ratio, csat_mean, agent_hangup_rate, audit_score
  into name measure value value
),

final as (
  select
    found.anomaly_id,
    daily_values.day,
    daily_values.value,
    daily_values.day = found.day as is_anomaly_day
  from found
  join metric_columns using (metric)
  join daily_values
    on daily_values.entity_type = found.entity_type
   and daily_values.entity_id = found.entity_id
   and daily_values.measure = metric_columns.measure
   and daily_values.day between found.day - interval 27 day and found.day
)

select * from final
order by anomaly_id, day
