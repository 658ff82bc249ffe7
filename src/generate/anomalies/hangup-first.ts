/**
 * hangup_first: one agent per team who ends 40-50% of answered calls themselves, where
 * everyone else does so on 3-9% (see agents.ts). An agent of middling skill, so nothing
 * else about them stands out.
 */
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';
import { teamsWithPeers } from './team-picks.ts';

export function injectHangupFirst(world: World, rng: Rng): void {
  for (const { free } of teamsWithPeers(world)) {
    const middling = free.filter((a) => Math.abs(a.traits.skill) < 0.6);
    if (middling.length === 0) continue;
    const agent = rng.pick(middling);
    agent.traits.hangupRate = rng.uniform(0.4, 0.5);
    world.reserved.add(agent.agent_id);
    world.labels.add('hangup_first', 'agent', agent.agent_id, null);
  }
}
