/**
 * caller_id_spoof: answered inbound calls that presented an impossible or protected
 * caller id: none at all, all zeros, too short, too long, or a police, emergency,
 * carrier or bank service number. The customer was still identified (by the IVR), so
 * the row keeps its customer. Normal caller ids are 11-digit mobiles.
 */
import type { Call } from '../model.ts';
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';

const CASES = 7;
/** '' is written as an empty cell: no caller id presented. */
const SPOOFED = ['', '00000000000', '0000000', '1234', '12345678901234567', '110', '120', '10086', '95533'];

export function injectCallerIdSpoofs(world: World, calls: readonly Call[], rng: Rng): void {
  const candidates = calls.filter((c) => c.direction === 'inbound' && c.answered !== null && !world.touched.has(c));
  const values = rng.shuffled(SPOOFED);
  rng.sample(candidates, CASES).forEach((call, i) => {
    call.caller_id = values[i % values.length]! || null;
    world.touched.add(call);
    world.labels.addCall('caller_id_spoof', call);
  });
}
