/**
 * short_sale: answered sales calls booked as a sale after 20-50 s of talk (normal sales
 * take at least 100 s, see call-outcomes.ts): interested or refusing customers whose
 * call the agent closed as "sale". At most one per agent.
 */
import { saleAmount } from '../call-outcomes.ts';
import type { Call } from '../model.ts';
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';

const CASES = 6;
const FROM: ReadonlySet<string> = new Set(['interested', 'callback', 'not_interested']);

export function injectShortSales(world: World, calls: readonly Call[], rng: Rng): void {
  const buyers = new Set(calls.filter((c) => c.disposition === 'sale' && c.customer).map((c) => c.customer!.id));
  const candidates = calls.filter(
    (c) =>
      c.direction === 'outbound' &&
      c.answered !== null &&
      FROM.has(c.disposition!) &&
      c.customer &&
      !buyers.has(c.customer.id) &&
      !world.touched.has(c),
  );
  const agents = new Set<string>();
  for (const call of rng.shuffled(candidates)) {
    if (agents.size >= CASES) break;
    if (agents.has(call.agent_id!)) continue;
    agents.add(call.agent_id!);
    const talk = rng.int(20, 50);
    call.disposition = 'sale';
    call.sale_amount = saleAmount(call.campaign_id!, rng);
    call.hold_s = 0;
    call.ended = call.answered! + talk;
    call.acw_s = rng.int(20, 60);
    world.touched.add(call);
    world.labels.addCall('short_sale', call);
  }
}
