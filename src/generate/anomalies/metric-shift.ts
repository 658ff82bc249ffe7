/**
 * metric_shift: agents with one day far off their own record, late in the window so
 * that at least 15 earlier working days (three weeks) form the baseline: conversion
 * eight times the usual (sales agents, about 60% of answered calls), calls a third as
 * long (AHT, service agents), or the agent talking 88% of the time. A window shorter
 * than about three weeks gets no metric_shift case. The simulation applies the change
 * through the agent-day modifier.
 */
import { teamOf } from '../agents.ts';
import { modifierKey, type DayModifier } from '../call-outcomes.ts';
import type { Rng } from '../prng.ts';
import { worksOn } from '../rota.ts';
import type { World } from '../world.ts';

const MIN_BASELINE_DAYS = 15;
const MAX_CASES = 8;

const KINDS: Record<string, DayModifier> = {
  conversion: { durationFactor: 1, conversionFactor: 8, talkRatio: null },
  aht: { durationFactor: 0.35, conversionFactor: 1, talkRatio: null },
  talk_ratio: { durationFactor: 1, conversionFactor: 1, talkRatio: 0.88 },
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
    const kind = rng.pick(teamOf(agent).direction === 'outbound' ? ['conversion', 'talk_ratio'] : ['aht', 'talk_ratio']);
    world.modifiers.set(modifierKey(agent.agent_id, day), KINDS[kind]!);
    world.reserved.add(agent.agent_id);
    world.labels.add('metric_shift', 'agent', agent.agent_id, day);
    made++;
  }
}
