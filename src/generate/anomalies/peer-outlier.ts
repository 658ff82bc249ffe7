/**
 * peer_outlier: one agent per team whose whole-window numbers are far from teammates:
 * in a sales team a good agent, talking within the 30-45% band, who sells 2.5 times as
 * often as that explains (about 40% of answered calls against a team around 10%); in
 * the service team an agent whose calls last twice as long. Both hold every day, so no
 * single day stands out against the agent's own baseline.
 */
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';
import { bySkill, teamsWithPeers } from './team-picks.ts';

export function injectPeerOutliers(world: World, rng: Rng): void {
  for (const { team, free } of teamsWithPeers(world)) {
    // Sellers come from the better half, so their csat stays in line with their audits.
    const pool = team.direction === 'outbound' ? [...free].sort(bySkill).slice(Math.floor(free.length / 2)) : free;
    if (pool.length === 0) continue;
    const agent = rng.pick(pool);
    if (team.direction === 'outbound') {
      agent.traits.conversionFactor *= 2.5;
      agent.traits.talkRatio = rng.uniform(0.33, 0.42);
    } else {
      agent.traits.durationFactor *= 2;
    }
    world.reserved.add(agent.agent_id);
    world.labels.add('peer_outlier', 'agent', agent.agent_id, null);
  }
}
