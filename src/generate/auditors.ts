/**
 * The quality desk: one auditor per six agents (at least four), each with a small
 * personal lean of a few points. Trainee auditors (added by the auditor_drift injection)
 * take part in calibration sessions only.
 */
import type { Rng } from './prng.ts';

export interface Auditor {
  auditor_id: string;
  /** Added to the share of points the auditor gives on every item. */
  bias: number;
  trainee: boolean;
}

export function buildAuditors(agentCount: number, rng: Rng): Auditor[] {
  const count = Math.max(4, Math.ceil(agentCount / 6));
  return Array.from({ length: count }, (_, i) => ({
    auditor_id: `QA${String(i + 1).padStart(2, '0')}`,
    bias: rng.uniform(-0.03, 0.03),
    trainee: false,
  }));
}
