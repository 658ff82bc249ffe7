-- recognition_picks: the agents at the top of the trainer ranking on the day $day (the
-- shrunk composite of agent_window, the ranking the coaching report shows): rank 1 to
-- $recognition_top, ties included. They become the 'recognition' cases, raised with a
-- reward verdict. Grain: one row per agent picked. From: agent_window.
with ranking as (
  select day, agent_id, composite_rank, composite_score
  from agent_window
  where day = cast($day as date)
    and composite_rank is not null
),

final as (
  select day, agent_id, composite_rank, composite_score
  from ranking
  where composite_rank <= $recognition_top
)

select * from final
