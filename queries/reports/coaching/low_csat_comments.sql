-- low_csat_comments: for each low-scoring agent, up to three of their lowest survey answers in
-- the trainers' window, with the customer's comment (free text: hidden unless the report is
-- rendered with --show-personal-data). Agents in the order of the list of who needs coaching:
-- the lowest composite first.
-- grain: one row per survey, at most 3 per low-scoring agent.
-- from: surveys, call_facts, agent_window, agents.
with surveys as (
  select * from surveys
),

low_scorers as (
  select agent_id, window_start, composite_rank from agent_window
  where day = $day
    and low_scoring
),

calls as (
  select call_id, agent_id, day from call_facts
),

agents as (
  select agent_id, name from agents
),

answers as (
  select
    calls.agent_id,
    low_scorers.composite_rank,
    calls.day,
    surveys.survey_id,
    surveys.csat,
    surveys.nps,
    surveys.comment
  from surveys
  join calls using (call_id)
  join low_scorers using (agent_id)
  where calls.day between low_scorers.window_start and $day
    and surveys.csat is not null
  qualify row_number() over (
    partition by calls.agent_id
    order by surveys.csat, calls.day desc, surveys.survey_id
  ) <= 3
),

final as (
  select
    answers.agent_id,
    agent_label(agents.name, answers.agent_id) as agent,
    answers.composite_rank,
    answers.day,
    answers.survey_id,
    answers.csat,
    answers.nps,
    answers.comment
  from answers
  left join agents using (agent_id)
)

select * from final
order by composite_rank desc nulls last, agent_id, csat, day desc, survey_id
