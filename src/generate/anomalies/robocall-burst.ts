/**
 * robocall_burst, two kinds:
 * - a number (an unknown mobile) ringing the centre 12-15 times within about eight
 *   minutes, hanging up after 3-15 s each time, before anyone answers;
 * - a sales agent dialling 6-8 consecutive numbers (n, n+1, ...) within six minutes,
 *   in a gap of their working day, nobody answering: an auto-dialler run.
 * Normal callers never call that often, and normal numbers are random (customers.ts).
 */
import { campaignOf } from '../calls.ts';
import { modifierKey } from '../call-outcomes.ts';
import { dayOf, HOUR_S } from '../local-time.ts';
import type { Call } from '../model.ts';
import type { Rng } from '../prng.ts';
import { TEAMS } from '../teams.ts';
import type { World } from '../world.ts';

const NUMBER_CASES = 3;
const AGENT_CASES = 3;
/** Idle time (s) an agent needs for a run of dials to fit in. */
const MIN_GAP_S = 420;

const blank = (
  started: number,
  ended: number,
): Omit<Call, 'direction' | 'agent_id' | 'queue' | 'campaign_id' | 'customer_number' | 'caller_id'> => ({
  call_id: '',
  customer_id: null,
  started,
  answered: null,
  ended,
  hold_s: 0,
  acw_s: 0,
  disconnect_party: 'customer',
  transferred: false,
  disposition: null,
  lead_grade: null,
  customer_tier: null,
  sale_amount: null,
  customer: null,
  talkRatio: 0,
});

function numberBursts(world: World, rng: Rng): Call[] {
  const added: Call[] = [];
  for (const day of rng.sample(world.days, NUMBER_CASES)) {
    const number = world.customers.newNumber();
    const queue = rng.pick(TEAMS.find((t) => t.direction === 'inbound')!.work);
    let t = day + rng.int(10 * HOUR_S, 20 * HOUR_S);
    const count = rng.int(12, 15);
    for (let i = 0; i < count; i++) {
      const ended = t + rng.int(3, 15);
      added.push({
        ...blank(t, ended),
        direction: 'inbound',
        agent_id: null,
        queue,
        campaign_id: null,
        customer_number: number,
        caller_id: number,
      });
      t = ended + rng.int(12, 25);
    }
    world.labels.add('robocall_burst', 'number', number, day);
  }
  return added;
}

function dialerRuns(world: World, calls: readonly Call[], rng: Rng): Call[] {
  const byAgentDay = new Map<string, Call[]>();
  for (const call of calls) {
    if (call.direction !== 'outbound' || !call.agent_id) continue;
    const key = modifierKey(call.agent_id, dayOf(call.started));
    byAgentDay.set(key, [...(byAgentDay.get(key) ?? []), call]);
  }
  const added: Call[] = [];
  let made = 0;
  for (const [key, own] of rng.shuffled([...byAgentDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))) {
    if (made >= AGENT_CASES) break;
    if (world.modifiers.has(key)) continue;
    own.sort((a, b) => a.started - b.started);
    const agent = world.agents.find((a) => a.agent_id === own[0]!.agent_id)!;
    const day = dayOf(own[0]!.started);
    const t = agent.traits.template;
    const gaps = own.slice(1).flatMap((next, i) => {
      const free = own[i]!.ended + own[i]!.acw_s;
      const clearOfBreak = next.started <= day + t.breakStart - HOUR_S / 2 || free >= day + t.breakEnd + HOUR_S / 2;
      return next.started - free >= MIN_GAP_S && clearOfBreak ? [free] : [];
    });
    if (gaps.length === 0) continue;
    let at = rng.pick(gaps) + rng.int(10, 30);
    const numbers = world.customers.newRun(rng.int(6, 8));
    for (const number of numbers) {
      const busy = rng.chance(0.2);
      const ended = at + (busy ? rng.int(3, 8) : rng.int(10, 22));
      added.push({
        ...blank(at, ended),
        direction: 'outbound',
        agent_id: agent.agent_id,
        queue: null,
        campaign_id: campaignOf(world, agent.agent_id),
        customer_number: number,
        caller_id: null,
        disposition: busy ? 'busy' : 'no_answer',
        disconnect_party: busy ? 'system' : 'customer',
      });
      at = ended + rng.int(8, 20);
    }
    world.labels.add('robocall_burst', 'agent', agent.agent_id, day);
    made++;
  }
  return added;
}

export function injectRobocallBursts(world: World, calls: readonly Call[], rng: Rng): Call[] {
  const added = [...numberBursts(world, rng.fork('numbers')), ...dialerRuns(world, calls, rng.fork('dialer'))];
  for (const call of added) world.touched.add(call);
  return added;
}
