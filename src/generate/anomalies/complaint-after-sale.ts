/**
 * complaint_after_sale: customers who complain 1-6 days after buying (mis-selling). The
 * sale is the customer's only one, so the complaint points at one sale call; normal
 * complaints never follow a sale within ten days (complaints.ts).
 */
import { salesByCustomer, ticket } from '../complaints.ts';
import { DAY_S } from '../local-time.ts';
import type { Call, Complaint } from '../model.ts';
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';

const CASES = 5;

export function injectComplaintsAfterSale(
  world: World,
  calls: readonly Call[],
  complaints: Complaint[],
  rng: Rng,
): void {
  const sales = salesByCustomer(calls);
  const complainers = new Set(complaints.map((c) => c.customer_id));
  const candidates = calls.filter(
    (c) =>
      c.disposition === 'sale' &&
      c.customer_id &&
      sales.get(c.customer_id)!.length === 1 &&
      !complainers.has(c.customer_id) &&
      !world.touched.has(c) &&
      c.ended + 6 * DAY_S < world.exportAt,
  );
  for (const call of rng.sample(candidates, CASES)) {
    const opened = call.ended + rng.int(DAY_S, 6 * DAY_S);
    const severity = rng.chance(0.5) ? 'high' : 'medium';
    complaints.push({
      complaint_id: '',
      customer_id: call.customer_id,
      call_id: null,
      agent_id: call.agent_id,
      category: 'mis_selling',
      severity,
      opened,
      ...ticket(opened, severity, world.exportAt, rng),
    });
    world.touched.add(call);
    world.labels.addCall('complaint_after_sale', call, opened);
  }
}
