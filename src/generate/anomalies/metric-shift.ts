/**
 * metric_shift: agents with one day far off their own record, late in the window so
 * that at least 20 earlier working days (four weeks) form the baseline (the rule judges a
 * day against >= 14 earlier days with calls; docs/anomaly-rules.md#what-the-generator-labels):
 * a sale on about 80% of the answered calls (sales agents, who usually sell on 5-20%),
 * calls a third as long (AHT, service agents), or the agent talking 88% of the time. A
 * window of four weeks or less gets no metric_shift case. The simulation applies the
 * change through the agent-day modifier.
 */
import { teamOf } from '../agents.ts';
import { modifierKey, type DayModifier } from '../call-outcomes.ts';
import type { Rng } from '../prng.ts';
import { worksOn } from '../rota.ts';
import type { World } from '../world.ts';

const MIN_BASELINE_DAYS = 20;
const MAX_CASES = 8;

const KINDS: Record<string, DayModifier> = {
  // A fixed sale chance, not a multiple of the usual one: a multiple is held down by the
  // cap on a call's chance and by the agent's talk, and lands within the day-to-day
  // swing of an agent whose conversion varies a lot. Not higher: a day of sales only
  // gets no verdict from the rule's binomial tail, and every extra sale also lifts the
  // agent's whole-window conversion, which blurs the peer comparison of peer_outlier.
  conversion: { durationFactor: 1, saleChance: 0.85, talkRatio: null },
  aht: { durationFactor: 0.35, saleChance: null, talkRatio: null },
  talk_ratio: { durationFactor: 1, saleChance: null, talkRatio: 0.88 },
};

export function injectMetricShifts(world: World, rng: Rng): void {
  const cases = Math.min(MAX_CASES, Math.ceil(world.agents.length / 4));
  let made = 0;
  for (const agent of rng.shuffled(world.agents)) {
    if (made >= cases) break;
    if (world.reserved.has(agent.agent_id)) continue;
    const eligible = world.days.filter((d) => worksOn(agent, d)).slice(MIN_BASELINE_DAYS);
    if (eligible.length === 0) continue;
    const day = rng.pick(eligible);
    // A sales agent's AHT swings with the day's number of (long) sales calls, so a
    // shorter day is not clearly visible there: sales agents get a conversion jump.
    const kind = rng.pick(
      teamOf(agent).direction === 'outbound' ? ['conversion', 'talk_ratio'] : ['aht', 'talk_ratio'],
    );
    world.modifiers.set(modifierKey(agent.agent_id, day), KINDS[kind]!);
    world.reserved.add(agent.agent_id);
    world.labels.add('metric_shift', 'agent', agent.agent_id, day);
    made++;
  }
}
