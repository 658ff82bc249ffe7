-- stg_agents: the agents and the team each belongs to now.
-- grain: one row per agent.
-- from: agents.
-- unique: agent_id
-- not null: agent_id

select
  agent_id,
  team,
  site,
  grade,
  name
from agents
