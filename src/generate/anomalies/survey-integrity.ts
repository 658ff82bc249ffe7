/**
 * survey_integrity, by number and by call:
 * - surveys answered from one of the centre's own numbers (staff scoring themselves);
 * - 5-6 top-score surveys answered from one unknown mobile on one day, on calls of one
 *   agent (ballot stuffing);
 * - surveys on outbound calls nobody answered;
 * - surveys answered while the call was still going on.
 * Normal surveys come from the call's customer, at most twice a day per number, after
 * an answered call has ended (surveys.ts).
 */
import { dayOf, DAY_S } from '../local-time.ts';
import type { Call, Survey } from '../model.ts';
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';

const CENTRE_CASES = 2;
const STUFFING_CASES = 2;
const UNANSWERED_CASES = 3;
const EARLY_CASES = 3;

function survey(call: Call, responded: number, number: string, csat: number, nps: number): Survey {
  return {
    survey_id: '',
    call_id: call.call_id,
    responded,
    csat,
    nps,
    resolved: null,
    respondent_number: number,
    comment: null,
  };
}

export function injectSurveyIntegrity(world: World, calls: readonly Call[], surveys: Survey[], rng: Rng): void {
  const surveyed = new Set(surveys.map((s) => s.call_id));
  const free = (c: Call) => !surveyed.has(c.call_id) && !world.touched.has(c);
  const use = (call: Call) => {
    surveyed.add(call.call_id);
    world.touched.add(call);
  };
  // Answered calls that end early enough in their day for a same-day response.
  const answered = calls.filter((c) => c.answered !== null && c.agent_id && c.ended < dayOf(c.ended) + 20 * 3600);
  const byAgentDay = new Map<string, Call[]>();
  for (const c of answered)
    byAgentDay.set(`${c.agent_id}@${dayOf(c.started)}`, [
      ...(byAgentDay.get(`${c.agent_id}@${dayOf(c.started)}`) ?? []),
      c,
    ]);
  // Agent-days in random order; each case takes the next one with enough free calls.
  const agentDays = rng.shuffled([...byAgentDay.values()]);
  const days = new Set<number>();
  const takeAgentDay = (minFree: number): Call[] | null => {
    while (agentDays.length > 0) {
      const own = agentDays.pop()!.filter(free);
      const day = own.length > 0 ? dayOf(own[0]!.started) : null;
      if (day !== null && own.length >= minFree && !days.has(day)) {
        days.add(day);
        return own;
      }
    }
    return null;
  };

  for (let i = 0; i < CENTRE_CASES; i++) {
    const own = takeAgentDay(2);
    if (!own) break;
    const number = world.centreNumbers[i % world.centreNumbers.length]!;
    for (const call of rng.sample(own, rng.int(1, 2))) {
      use(call);
      surveys.push(survey(call, call.ended + rng.int(60, 900), number, 5, rng.int(9, 10)));
    }
    world.labels.add('survey_integrity', 'number', number, dayOf(own[0]!.started));
  }

  for (let i = 0; i < STUFFING_CASES; i++) {
    const own = takeAgentDay(6);
    if (!own) break;
    const number = world.customers.newNumber();
    for (const call of rng.sample(own, rng.int(5, 6))) {
      use(call);
      surveys.push(survey(call, call.ended + rng.int(60, 900), number, 5, 10));
    }
    world.labels.add('survey_integrity', 'number', number, dayOf(own[0]!.started));
  }

  const unanswered = calls.filter(
    (c) =>
      c.direction === 'outbound' && c.answered === null && c.customer && free(c) && c.ended < world.exportAt - DAY_S,
  );
  for (const call of rng.sample(unanswered, UNANSWERED_CASES)) {
    use(call);
    surveys.push(
      survey(call, call.ended + rng.int(600, 6 * 3600), call.customer!.number, rng.int(1, 5), rng.int(0, 10)),
    );
    world.labels.addCall('survey_integrity', call);
  }

  const long = answered.filter((c) => c.customer && c.ended - c.answered! >= 60 && free(c));
  for (const call of rng.sample(long, EARLY_CASES)) {
    use(call);
    const during = call.answered! + Math.floor((call.ended - call.answered!) / 2);
    surveys.push(survey(call, during, call.customer!.number, rng.int(3, 5), rng.int(6, 10)));
    world.labels.addCall('survey_integrity', call);
  }
}
