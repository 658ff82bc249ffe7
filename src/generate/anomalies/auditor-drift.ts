/**
 * auditor_drift: one or two trainee auditors who take part in calibration sessions only
 * and score every item 30 points harsher (or more lenient) than the call deserves:
 * about 24 points (a lenient one, on weaker agents' calls, 17 or more) from their
 * group's mean, in each of at least three groups. Trainees join every third session
 * (see audits.ts), never two at once, alongside four regular auditors, so the regular
 * auditors' own deviations stay within a few points.
 */
import { calibrationSessionCount, traineeJoins } from '../audits.ts';
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';

const DRIFT = 0.3;
const MAX_TRAINEES = 2;
/** Groups a trainee needs to show a drift (the rule's min_groups). */
const MIN_GROUPS = 3;

export function injectAuditorDrift(world: World, rng: Rng): void {
  const sessions = calibrationSessionCount(world.days.length);
  const groups = (k: number) => Array.from({ length: sessions }, (_, i) => i).filter((i) => traineeJoins(i, k)).length;
  const harshFirst = rng.chance(0.5);
  for (let k = 0; k < MAX_TRAINEES && groups(k) >= MIN_GROUPS; k++) {
    const auditor = {
      auditor_id: `QA${String(world.auditors.length + 1).padStart(2, '0')}`,
      bias: (k === 0) === harshFirst ? -DRIFT : DRIFT,
      trainee: true,
    };
    world.auditors.push(auditor);
    world.labels.add('auditor_drift', 'auditor', auditor.auditor_id, null);
  }
}
