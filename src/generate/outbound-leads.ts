/**
 * A campaign's leads: fresh leads (grade A 20%, B 40%, C 40%) and leads due for another
 * attempt (no answer, busy, callback, interested) on a later day. A lead is closed after
 * a sale, a refusal, a wrong number or a do-not-call, and after a few attempts.
 */
import type { CustomerRegistry } from './customers.ts';
import { DAY_S } from './local-time.ts';
import type { Customer } from './model.ts';
import type { Rng } from './prng.ts';

export interface Lead {
  customer: Customer;
  grade: 'A' | 'B' | 'C';
  attempts: number;
}

const RETRY_SHARE = 0.4;
const MAX_ATTEMPTS: Record<string, number> = { no_answer: 3, busy: 3, interested: 4, callback: 4 };

export class LeadPool {
  /** Leads due again, sorted by the day they are due. */
  private readonly due: { day: number; lead: Lead }[] = [];

  constructor(
    private readonly registry: CustomerRegistry,
    private readonly rng: Rng,
  ) {}

  next(day: number): Lead {
    if (this.due.length > 0 && this.due[0]!.day <= day && this.rng.chance(RETRY_SHARE)) return this.due.shift()!.lead;
    return { customer: this.registry.create(0.04), grade: this.rng.weighted({ A: 0.2, B: 0.4, C: 0.4 }), attempts: 0 };
  }

  /** Records an attempt; the lead comes back on a later day if its outcome allows. */
  attempted(lead: Lead, disposition: string, day: number): void {
    lead.attempts += 1;
    if (lead.attempts >= (MAX_ATTEMPTS[disposition] ?? 0)) return;
    const dueDay = day + this.rng.int(1, 3) * DAY_S;
    let i = this.due.length;
    while (i > 0 && this.due[i - 1]!.day > dueDay) i--;
    this.due.splice(i, 0, { day: dueDay, lead });
  }
}
