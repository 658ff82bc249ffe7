-- dim_agents: how rules and reports name and group an agent: name, team, site and grade
-- (the agents contract has no role column; grade is the closest).
-- grain: one row per agent.
-- from: stg_agents.
-- unique: agent_id
-- not null: agent_id

select
  agent_id,
  name,
  team,
  site,
  grade
from stg_agents
