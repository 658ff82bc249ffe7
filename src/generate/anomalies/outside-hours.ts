/**
 * outside_hours: outbound calls dialled before 08:00 or after 21:00 local (normal
 * dialling runs 09:00-20:45). Early calls can come from any sales agent; late ones only
 * from agents whose shift ended hours before, so no call overlaps another.
 */
import { campaignOf } from '../calls.ts';
import { HOUR_S } from '../local-time.ts';
import type { Call } from '../model.ts';
import type { Rng } from '../prng.ts';
import { worksOn } from '../rota.ts';
import { TEAMS } from '../teams.ts';
import type { World } from '../world.ts';

const CASES = 6;

export function injectOutsideHours(world: World, rng: Rng): Call[] {
  // Sellers on the rota on at least one day: over a day or two, some work none.
  const sellers = world.agents.filter(
    (a) => TEAMS.find((t) => t.name === a.team)!.direction === 'outbound' && world.days.some((d) => worksOn(a, d)),
  );
  if (sellers.length === 0) return [];
  const added: Call[] = [];
  for (let i = 0; i < CASES; i++) {
    const agent = rng.pick(sellers);
    const day = rng.pick(world.days.filter((d) => worksOn(agent, d)));
    const late = agent.traits.template.end <= 18 * HOUR_S && rng.chance(0.5);
    const started =
      day + (late ? rng.int(21 * HOUR_S + 300, 22 * HOUR_S + 1800) : rng.int(7 * HOUR_S, 7 * HOUR_S + 3000));
    const customer = world.customers.create(0.04);
    const answered = rng.chance(0.45) ? started + rng.int(6, 20) : null;
    const ended = answered === null ? started + rng.int(20, 40) : answered + rng.int(15, 50);
    const call: Call = {
      call_id: '',
      direction: 'outbound',
      agent_id: agent.agent_id,
      queue: null,
      campaign_id: campaignOf(world, agent.agent_id),
      customer_id: customer.id,
      customer_number: customer.number,
      caller_id: null,
      started,
      answered,
      ended,
      hold_s: 0,
      acw_s: answered === null ? 0 : rng.int(5, 30),
      disconnect_party: 'customer',
      transferred: false,
      disposition: answered === null ? 'no_answer' : 'not_interested',
      lead_grade: rng.weighted({ A: 0.2, B: 0.4, C: 0.4 }),
      customer_tier: customer.tier,
      sale_amount: null,
      customer,
      talkRatio: agent.traits.talkRatio,
    };
    added.push(call);
    world.touched.add(call);
    world.labels.addCall('outside_hours', call);
  }
  return added;
}
