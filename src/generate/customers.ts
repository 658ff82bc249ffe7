/**
 * The centre's customers: ids in order of first contact and unique 11-digit mobile
 * numbers (random, so no two customers dialled one after the other have neighbouring
 * numbers: a sequential run is the auto-dialling anomaly, never normal data).
 */
import type { Rng } from './prng.ts';
import type { Customer } from './model.ts';

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

export class CustomerRegistry {
  private readonly numbers = new Set<string>();
  private count = 0;

  constructor(private readonly rng: Rng) {}

  create(vipShare: number): Customer {
    this.count += 1;
    return {
      id: `U${String(this.count).padStart(7, '0')}`,
      number: this.newNumber(),
      tier: this.rng.chance(vipShare) ? 'vip' : 'general',
    };
  }

  /** A mobile number no customer has (also for callers the centre does not know). */
  newNumber(): string {
    for (;;) {
      const number = this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.numbers.has(number)) {
        this.numbers.add(number);
        return number;
      }
    }
  }

  /** `length` consecutive unused numbers n, n+1, ... (the auto-dialler's run). */
  newRun(length: number): string[] {
    for (;;) {
      const prefix = this.rng.pick(MOBILE_PREFIXES);
      const start = this.rng.int(0, 99_999_999 - length);
      const run = Array.from({ length }, (_, i) => prefix + String(start + i).padStart(8, '0'));
      if (run.every((n) => !this.numbers.has(n))) {
        for (const n of run) this.numbers.add(n);
        return run;
      }
    }
  }
}
