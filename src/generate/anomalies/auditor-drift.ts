/**
 * auditor_drift: one or two trainee auditors who take part in calibration sessions only
 * and score every item 30 points harsher than the call deserves: about 24 points below
 * their group's mean (the two critical items are scored right), in each of at least
 * three groups. Harsh, never lenient: calibrated calls already earn about 80-95% of the
 * points, so a lenient trainee would hit the 100-point ceiling and drift by less than
 * the 12 points the label promises. Trainees join every third session (see audits.ts),
 * never two at once, alongside four regular auditors, so the regular auditors' own
 * deviations stay within a few points.
 */
import { calibrationSessionCount, traineeJoins } from '../audits.ts';
import type { World } from '../world.ts';

const DRIFT = -0.3;
const MAX_TRAINEES = 2;
/** Groups a trainee needs to show a drift (the rule's min_groups). */
const MIN_GROUPS = 3;

export function injectAuditorDrift(world: World): void {
  const sessions = calibrationSessionCount(world.days.length);
  const groups = (k: number) => Array.from({ length: sessions }, (_, i) => i).filter((i) => traineeJoins(i, k)).length;
  for (let k = 0; k < MAX_TRAINEES && groups(k) >= MIN_GROUPS; k++) {
    const auditor = {
      auditor_id: `QA${String(world.auditors.length + 1).padStart(2, '0')}`,
      bias: DRIFT,
      trainee: true,
    };
    world.auditors.push(auditor);
    world.labels.add('auditor_drift', 'auditor', auditor.auditor_id, null);
  }
}
