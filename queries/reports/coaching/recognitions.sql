-- recognitions: the agents at the top of the trainer ranking raised as 'recognition' cases
-- (docs/audit-desk.md): a reward owed within reward_due_days, so the desk praises as well as
-- corrects. Listed: the recognitions first seen by $day that still owe their reward or were
-- picked in the report's week ($week_start .. $day). rank, rank_text and rank_vars: the
-- agent's place in the ranking on the case's last day, shown as "rank 1 of 36" (the label
-- rank.of filled with rank_vars; ranked: the agents ranked that day), or as the rank alone
-- (rank.alone) when agent_window no longer holds that day. deadline: 'overdue' (a reward still owed
-- after its due day) or 'due_today'; overdue: the same as true or false.
-- Owed rewards first, soonest due first, then by rank.
-- grain: one row per recognition case. from: anomaly_cases, recognition_picks, agent_window, agents.
with recognition_cases as (
  select *
  from anomaly_cases
  where rule = 'recognition'
    and state <> 'merged'
    and first_seen <= $day
    and (verdict = 'reward' or last_seen >= $week_start)
),

picks as (
  select day, agent_id, composite_rank from recognition_picks
),

ranked as (
  select day, count(composite_rank) as agents
  from agent_window
  group by day
),

agents as (
  select agent_id, name, team from agents
),

final as (
  select
    recognition_cases.case_id,
    agent_label(agents.name, recognition_cases.entity_id) as agent,
    agents.team,
    picks.composite_rank as rank,
    case
      when picks.composite_rank is null then null
      when ranked.agents is null then 'alone'
      else 'of'
    end as rank_text,
    json_object('rank', picks.composite_rank, 'n', ranked.agents) as rank_vars,
    recognition_cases.first_seen,
    recognition_cases.last_seen,
    recognition_cases.days_active,
    recognition_cases.verdict,
    recognition_cases.due,
    case
      when recognition_cases.verdict is distinct from 'reward' then null
      when recognition_cases.due < $day then 'overdue'
      when recognition_cases.due = $day then 'due_today'
    end as deadline,
    coalesce(recognition_cases.verdict = 'reward' and recognition_cases.due < $day, false) as overdue
  from recognition_cases
  left join picks
    on picks.agent_id = recognition_cases.entity_id
   and picks.day = recognition_cases.last_seen
  left join ranked
    on ranked.day = recognition_cases.last_seen
  left join agents
    on agents.agent_id = recognition_cases.entity_id
)

select * from final
order by verdict = 'reward' desc, due nulls last, rank, case_id
