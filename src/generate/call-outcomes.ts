/**
 * How a connected call goes: its length, hold, wrap-up, outcome and who hangs up, from
 * the queue or lead, the agent's traits and the day's modifier (an injected metric
 * shift). Talking 30-45% of the time sells best; talking over 60% sells about half as well.
 */
import type { Agent, Call } from './model.ts';
import type { Rng } from './prng.ts';

/** Per agent-day changes (metric_shift injection); absent = an ordinary day. */
export interface DayModifier {
  durationFactor: number;
  /** Chance of a sale on each answered outbound call, whatever its lead and talk (null: as usual). */
  saleChance: number | null;
  talkRatio: number | null;
}

export const ORDINARY_DAY: DayModifier = { durationFactor: 1, saleChance: null, talkRatio: null };

export function modifierKey(agentId: string, day: number): string {
  return `${agentId}@${day}`;
}

export interface Handling {
  talk: number;
  hold: number;
  acw: number;
  disposition: string;
  disconnect: NonNullable<Call['disconnect_party']>;
  talkRatio: number;
}

/** Sales no shorter than this (talk seconds), far above the short_sale limit of 60 s. */
const MIN_SALE_TALK_S = 100;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Relative chance of a sale by the agent's share of talk on the call. */
function talkEffect(talkRatio: number): number {
  if (talkRatio < 0.3) return 0.95 - (0.3 - talkRatio);
  if (talkRatio <= 0.45) return 1.15;
  return Math.max(0.5, 1.15 - (talkRatio - 0.45) * 3.2);
}

function callTalkRatio(agent: Agent, day: DayModifier, rng: Rng): number {
  return clamp((day.talkRatio ?? agent.traits.talkRatio) + rng.normal(0, 0.05), 0.12, 0.92);
}

function disconnect(agent: Agent, rng: Rng): Handling['disconnect'] {
  const x = rng.next();
  if (x < agent.traits.hangupRate) return 'agent';
  return x < agent.traits.hangupRate + 0.01 ? 'system' : 'customer';
}

const INBOUND_TALK_MEDIAN_S: Record<string, number> = { general: 150, billing: 190, tech_support: 260 };
const INBOUND_HOLD_SHARE: Record<string, number> = { general: 0.18, billing: 0.3, tech_support: 0.35 };

export function inboundHandling(queue: string, agent: Agent, day: DayModifier, rng: Rng): Handling {
  const { skill, durationFactor } = agent.traits;
  const technician = agent.grade === 'technician';
  let resolved = 0.74 + 0.1 * skill;
  if (queue === 'tech_support') resolved += technician ? 0.05 : -0.08;
  const x = rng.next();
  const disposition =
    x < 0.022 ? 'complaint' : x < 0.082 ? 'transferred' : x < 0.082 + resolved * 0.918 ? 'resolved' : 'unresolved';
  const factor = durationFactor * day.durationFactor * (disposition === 'complaint' ? 1.3 : 1);
  const talk = Math.round(Math.max(20, rng.lognormal(INBOUND_TALK_MEDIAN_S[queue]! * factor, 0.5)));
  return {
    talk,
    hold: rng.chance(INBOUND_HOLD_SHARE[queue]!) ? rng.int(10, 100) : 0,
    acw: Math.round(clamp(rng.lognormal(22 * durationFactor * day.durationFactor, 0.4), 5, 150)),
    disposition,
    disconnect: disconnect(agent, rng),
    talkRatio: callTalkRatio(agent, day, rng),
  };
}

const SALE_CHANCE = { A: 0.22, B: 0.11, C: 0.05 } as const;

/** Talk-time medians (s) of answered outbound calls by outcome. */
const OUTBOUND_TALK: Record<string, [median: number, sigma: number, min: number]> = {
  sale: [300, 0.35, MIN_SALE_TALK_S],
  interested: [170, 0.4, 40],
  callback: [90, 0.4, 20],
  not_interested: [55, 0.6, 8],
  wrong_number: [9, 0.3, 4],
  do_not_call: [25, 0.4, 6],
};

export function outboundHandling(grade: 'A' | 'B' | 'C', agent: Agent, day: DayModifier, rng: Rng): Handling {
  const talkRatio = callTalkRatio(agent, day, rng);
  const sale =
    day.saleChance ?? Math.min(0.85, SALE_CHANCE[grade] * agent.traits.conversionFactor * talkEffect(talkRatio));
  const x = rng.next();
  const disposition =
    x < 0.03
      ? 'wrong_number'
      : x < 0.03 + (grade === 'C' ? 0.05 : 0.025)
        ? 'do_not_call'
        : rng.chance(sale)
          ? 'sale'
          : rng.weighted({ interested: 0.13, callback: 0.11, not_interested: 0.76 });
  const [median, sigma, min] = OUTBOUND_TALK[disposition]!;
  const factor = agent.traits.durationFactor * day.durationFactor;
  const talk = Math.round(Math.max(min, rng.lognormal(median * factor, sigma)));
  const hold = disposition === 'sale' && rng.chance(0.3) ? rng.int(15, 120) : 0;
  const acwMedian = disposition === 'sale' ? 60 : 20;
  return {
    talk,
    hold,
    acw: Math.round(clamp(rng.lognormal(acwMedian * factor, 0.4), 3, 240)),
    disposition,
    disconnect: disconnect(agent, rng),
    talkRatio,
  };
}

const PRICES: Record<string, readonly number[]> = {
  broadband_upgrade: [1188, 1788, 2388],
  mobile_plan: [696, 1056, 1536, 2256],
  credit_card: [120, 300, 600],
  home_insurance: [980, 1580, 2680, 3880],
};

export function saleAmount(campaign: string, rng: Rng): number {
  return rng.pick(PRICES[campaign] ?? [1000]);
}
