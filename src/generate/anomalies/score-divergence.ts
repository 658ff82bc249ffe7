/**
 * score_divergence: agents whose customers and auditors disagree. In two teams the
 * best-liked agent (top skill, a little extra charm) earns only about 58% on audits
 * (normal agents earn 72-95%); in a third an agent customers rate near the bottom earns
 * 99%. The gaps stay within the spread of normal agents, so neither score alone makes
 * them peer outliers.
 */
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';
import { bySkill, teamsWithPeers } from './team-picks.ts';

export function injectScoreDivergence(world: World, rng: Rng): void {
  teamsWithPeers(world).forEach(({ free }, i) => {
    if (free.length < 4) return;
    const ranked = [...free].sort(bySkill);
    const reverse = i % 3 === 2;
    const agent = reverse ? ranked[Math.floor(ranked.length / 4)]! : ranked[ranked.length - 1]!;
    if (reverse) {
      agent.traits.csatShift -= 0.3;
      agent.traits.auditQuality = 0.99;
    } else {
      agent.traits.csatShift += 0.25;
      agent.traits.auditQuality = rng.uniform(0.56, 0.6);
    }
    agent.traits.criticalFailRate = 0;
    world.reserved.add(agent.agent_id);
    world.labels.add('score_divergence', 'agent', agent.agent_id, null);
  });
}
