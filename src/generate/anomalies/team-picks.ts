/**
 * Shared by the agent-level injections: the teams big enough to have peers (an agent is
 * only "far from the team" when there is a team to compare with), and their agents that
 * carry no injected anomaly yet.
 */
import type { Agent } from '../model.ts';
import { TEAMS } from '../teams.ts';
import type { World } from '../world.ts';
import type { Team } from '../model.ts';

/** Fewest agents a team needs before an agent is injected as different from its peers. */
const MIN_TEAM_SIZE = 6;

export function teamsWithPeers(world: World): { team: Team; free: Agent[] }[] {
  return TEAMS.map((team) => ({ team, members: world.agents.filter((a) => a.team === team.name) }))
    .filter(({ members }) => members.length >= MIN_TEAM_SIZE)
    .map(({ team, members }) => ({ team, free: members.filter((a) => !world.reserved.has(a.agent_id)) }));
}

export const bySkill = (a: Agent, b: Agent) => a.traits.skill - b.traits.skill;
