/**
 * One day of the inbound queue, simulated call by call: arrivals follow the demand curve
 * for the agents at work; each call waits for the agent who has been free longest (a
 * technician first for tech support); a caller whose patience runs out abandons, and a
 * few hang up in the first seconds (short abandons). Agents are busy for talk + hold +
 * wrap-up, then take the next call.
 */
import { INBOUND_LOAD_PER_AGENT_HOUR, availability } from './arrival-curve.ts';
import { inboundHandling, modifierKey, ORDINARY_DAY, type DayModifier } from './call-outcomes.ts';
import type { InboundCallers } from './inbound-callers.ts';
import { HOUR_S, weekdayOf } from './local-time.ts';
import type { Agent, Call, ShiftTemplate } from './model.ts';
import type { Rng } from './prng.ts';

const QUEUE_MIX = { general: 0.5, billing: 0.3, tech_support: 0.2 };
const SHORT_ABANDON_SHARE = 0.012;
/** Agents take no new call in the last minute of their shift. */
const LAST_CALL_BEFORE_END_S = 60;

/** Chance that a caller calls again within days, by how their call ended. */
const REPEAT_CHANCE: Record<string, number> = { resolved: 0.05, unresolved: 0.55, transferred: 0.3, complaint: 0.4 };

interface Seat {
  agent: Agent;
  day: DayModifier;
  /** Today's shift in seconds after midnight (the break moves a little day to day). */
  shift: ShiftTemplate;
  /** Local time at which the agent finishes the current call's wrap-up. */
  freeAt: number;
}

/** When the seat can next take a call at or after t (Infinity when its shift is over). */
function nextAvailable(seat: Seat, dayStart: number, t: number): number {
  const { start, end, breakStart, breakEnd } = seat.shift;
  let at = Math.max(t, seat.freeAt, dayStart + start);
  if (at >= dayStart + breakStart && at < dayStart + breakEnd) at = dayStart + breakEnd;
  return at <= dayStart + end - LAST_CALL_BEFORE_END_S ? at : Infinity;
}

function arrivals(seats: readonly Seat[], dayStart: number, rng: Rng): number[] {
  const times: number[] = [];
  // Weekend rotas are thinner, and small groups of agents queue worse: a little less
  // load each keeps the weekend service level with the weekdays'.
  const volume = rng.normal(1, 0.03) * (weekdayOf(dayStart) >= 5 ? 0.88 : 1);
  for (let hour = 0; hour < 24; hour++) {
    const working = seats.reduce((sum, s) => sum + availability(s.shift, hour), 0);
    const n = rng.poisson(working * INBOUND_LOAD_PER_AGENT_HOUR[hour]! * volume);
    for (let i = 0; i < n; i++) times.push(dayStart + hour * HOUR_S + rng.int(0, HOUR_S - 1));
  }
  return times.sort((a, b) => a - b);
}

export function simulateInboundDay(
  dayStart: number,
  agents: readonly Agent[],
  modifiers: ReadonlyMap<string, DayModifier>,
  callers: InboundCallers,
  rng: Rng,
): Call[] {
  const seats: Seat[] = agents.map((agent) => {
    const t = agent.traits.template;
    const shift = rng.int(-10, 10) * 60;
    return {
      agent,
      day: modifiers.get(modifierKey(agent.agent_id, dayStart)) ?? ORDINARY_DAY,
      shift: { ...t, breakStart: t.breakStart + shift, breakEnd: t.breakEnd + shift },
      freeAt: 0,
    };
  });
  const calls: Call[] = [];
  for (const started of arrivals(seats, dayStart, rng)) {
    const caller = callers.next(started);
    const queue = rng.weighted(QUEUE_MIX);
    const base = {
      call_id: '',
      direction: 'inbound' as const,
      queue,
      campaign_id: null,
      customer_id: caller.known ? caller.customer.id : null,
      customer_number: caller.customer.number,
      caller_id: caller.customer.number,
      started,
      transferred: false,
      lead_grade: null,
      customer_tier: caller.customer.tier,
      sale_amount: null,
      customer: caller.customer,
    };
    const unanswered = (ended: number): Call => ({
      ...base,
      agent_id: null,
      answered: null,
      ended,
      hold_s: 0,
      acw_s: 0,
      disconnect_party: 'customer',
      disposition: null,
      talkRatio: 0,
    });
    if (rng.chance(SHORT_ABANDON_SHARE)) {
      calls.push(unanswered(started + rng.int(1, 4)));
      continue;
    }
    // IVR greeting and ringing before an agent can pick up.
    const ready = started + rng.int(3, 9);
    // The seat free soonest; among seats free at once a technician for tech support,
    // then the one idle longest.
    const prefersTechnician = queue === 'tech_support';
    const rank = (s: Seat): [number, number, number] => [
      nextAvailable(s, dayStart, ready),
      prefersTechnician && s.agent.grade === 'technician' ? 0 : 1,
      s.freeAt,
    ];
    let seat: Seat | undefined;
    let best: [number, number, number] = [Infinity, 0, 0];
    for (const s of seats) {
      const r = rank(s);
      if (r[0] < best[0] || (r[0] === best[0] && (r[1] < best[1] || (r[1] === best[1] && r[2] < best[2])))) {
        seat = s;
        best = r;
      }
    }
    const answerAt = best[0];
    const patience = Math.max(10, rng.exponential(caller.customer.tier === 'vip' ? 240 : 150));
    if (!seat || answerAt === Infinity || answerAt - started > patience) {
      calls.push(unanswered(started + Math.round(Math.min(patience, 900))));
      if (rng.chance(0.6)) callers.repeat(caller, started + rng.int(300, 3 * HOUR_S));
      continue;
    }
    const h = inboundHandling(queue, seat.agent, seat.day, rng);
    const ended = answerAt + h.talk + h.hold;
    seat.freeAt = ended + h.acw;
    calls.push({
      ...base,
      agent_id: seat.agent.agent_id,
      answered: answerAt,
      ended,
      hold_s: h.hold,
      acw_s: h.acw,
      disconnect_party: h.disconnect,
      transferred: h.disposition === 'transferred',
      disposition: h.disposition,
      talkRatio: h.talkRatio,
    });
    if (rng.chance(REPEAT_CHANCE[h.disposition] ?? 0))
      callers.repeat(caller, ended + rng.int(2 * HOUR_S, 5 * 24 * HOUR_S));
  }
  return calls;
}
