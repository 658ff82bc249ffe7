/**
 * Who calls in: customers calling for the first time in the window, and repeat callers
 * whose last call left the issue open or who gave up waiting (so first-contact
 * resolution is meaningful). A repeat is due minutes to days after the call that
 * caused it.
 */
import type { CustomerRegistry } from './customers.ts';
import { DAY_S } from './local-time.ts';
import type { Customer } from './model.ts';
import type { Rng } from './prng.ts';

const REPEAT_SHARE = 0.14;
/** A repeat not made within this long after it was due is dropped (the caller gave up). */
const REPEAT_STALE_S = 2 * DAY_S;

export interface Caller {
  customer: Customer;
  /** Known to the CRM (else the call row has a number but no customer_id). */
  known: boolean;
}

export class InboundCallers {
  /** Repeat calls due, sorted by time. */
  private readonly due: { at: number; caller: Caller }[] = [];

  constructor(
    private readonly registry: CustomerRegistry,
    private readonly rng: Rng,
  ) {}

  next(t: number): Caller {
    while (this.due.length > 0 && this.due[0]!.at < t - REPEAT_STALE_S) this.due.shift();
    if (this.rng.chance(REPEAT_SHARE) && this.due.length > 0 && this.due[0]!.at <= t) return this.due.shift()!.caller;
    return { customer: this.registry.create(0.08), known: this.rng.chance(0.94) };
  }

  /** The caller will call again at `at` (unless they give up). */
  repeat(caller: Caller, at: number): void {
    let i = this.due.length;
    while (i > 0 && this.due[i - 1]!.at > at) i--;
    this.due.splice(i, 0, { at, caller });
  }
}
