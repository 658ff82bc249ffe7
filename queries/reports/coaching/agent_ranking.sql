-- agent_ranking: every ranked agent of the trainers' window ending on the report day, ranked
-- by the shrunk composite, with raw value, shrunk estimate and evidence size of each metric.
--   rank_text, rank_vars: the rank as "rank 3 of 36" (the label rank.of filled with them).
--   measures: how many measures the composite is built from (4 for an agent without
--     answered outbound calls, who has no conversion; 5 with it).
--   complaints_basis: 'team' when every agent of the team has the same shrunk complaints
--     per 1000 although their raw figures differ (the team's agents differ no more than
--     chance would make them, so each is given the team's figure: full pooling), else 'agent'.
-- grain: one row per ranked agent. from: agent_window, agents.
with ranking as (
  select * from agent_window
  where day = $day
),

team_complaints as (
  select
    team,
    count(*) > 1
      and min(complaints_per_1000_shrunk) = max(complaints_per_1000_shrunk)
      and min(complaints_per_1000_raw) < max(complaints_per_1000_raw) as pooled
  from ranking
  group by team
),

agents as (
  select agent_id, name from agents
),

final as (
  select
    ranking.composite_rank,
    'of' as rank_text,
    json_object('rank', ranking.composite_rank, 'n', count(ranking.composite_rank) over ()) as rank_vars,
    len(list_filter(
      [ranking.conversion_shrunk, ranking.csat_mean_shrunk, ranking.audit_score_shrunk,
        ranking.talk_ratio_shrunk, ranking.complaints_per_1000_shrunk],
      value -> value is not null
    )) as measures,
    ranking.agent_id,
    agent_label(agents.name, ranking.agent_id) as agent,
    ranking.team,
    ranking.conversion_raw,
    ranking.conversion_shrunk,
    ranking.conversion_n,
    ranking.csat_mean_raw,
    ranking.csat_mean_shrunk,
    ranking.csat_mean_n,
    ranking.audit_score_raw,
    ranking.audit_score_shrunk,
    ranking.audit_score_n,
    ranking.talk_ratio_raw,
    ranking.talk_ratio_shrunk,
    ranking.talk_n,
    ranking.complaints_per_1000_raw,
    ranking.complaints_per_1000_shrunk,
    ranking.complaints_per_1000_n,
    case when team_complaints.pooled then 'team' else 'agent' end as complaints_basis
  from ranking
  left join team_complaints
    on team_complaints.team is not distinct from ranking.team
  left join agents using (agent_id)
)

select * from final
order by composite_rank nulls last, agent_id
