/**
 * Post-call surveys: about one answered call in five gets a response (by IVR right after
 * the call, or by SMS up to a day later). csat follows the outcome (a resolved issue or a
 * sale scores high, a complaint low) and the agent's skill; nps follows csat. The
 * respondent is the customer of the call, at most twice a day per number.
 */
import { dayOf } from './local-time.ts';
import type { Agent, Call, Survey } from './model.ts';
import type { Rng } from './prng.ts';
import { surveyComment } from './survey-comments.ts';

/** Expected csat by outcome, before the agent's own shift. */
const CSAT_BY_OUTCOME: Record<string, number> = {
  resolved: 4.45,
  unresolved: 3.1,
  transferred: 3.8,
  complaint: 1.9,
  sale: 4.6,
  interested: 4.3,
  callback: 4.1,
  not_interested: 3.9,
  do_not_call: 2.4,
};

const RESPONSE_CHANCE: Record<string, number> = {
  inbound: 0.23,
  sale: 0.26,
  do_not_call: 0.03,
  outbound: 0.17,
};

const RESOLVED_SAYS_YES: Record<string, number> = {
  resolved: 0.92,
  unresolved: 0.12,
  transferred: 0.5,
  complaint: 0.05,
};

/** Most surveys a number answers in a day in normal data (the rule flags 4 or more). */
const MAX_PER_NUMBER_DAY = 2;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function responseChance(call: Call): number {
  if (call.direction === 'inbound') return RESPONSE_CHANCE.inbound!;
  return RESPONSE_CHANCE[call.disposition!] ?? RESPONSE_CHANCE.outbound!;
}

/** A customer's answers about a call (also used for injected surveys). */
function surveyAnswers(call: Call, agent: Agent, rng: Rng): Pick<Survey, 'csat' | 'nps' | 'resolved' | 'comment'> {
  const csat = Math.round(clamp(rng.normal(CSAT_BY_OUTCOME[call.disposition!]! + agent.traits.csatShift, 0.8), 1, 5));
  const yes = call.direction === 'inbound' ? RESOLVED_SAYS_YES[call.disposition!] : undefined;
  return {
    csat,
    nps: Math.round(clamp(2 * csat + rng.normal(-0.5, 1.2), 0, 10)),
    resolved: yes === undefined ? null : rng.chance(yes),
    comment: rng.chance(0.3) ? surveyComment(csat, rng) : null,
  };
}

export function buildSurveys(
  calls: readonly Call[],
  agents: ReadonlyMap<string, Agent>,
  exportAt: number,
  rng: Rng,
): Survey[] {
  const surveys: Survey[] = [];
  const perNumberDay = new Map<string, number>();
  for (const call of calls) {
    if (call.answered === null || !call.agent_id || !call.customer || call.disposition === 'wrong_number') continue;
    if (!rng.chance(responseChance(call))) continue;
    const responded = call.ended + (rng.chance(0.65) ? rng.int(20, 300) : rng.int(600, 30 * 3600));
    if (responded > exportAt) continue;
    const key = `${call.customer.number}@${dayOf(responded)}`;
    const count = perNumberDay.get(key) ?? 0;
    if (count >= MAX_PER_NUMBER_DAY) continue;
    perNumberDay.set(key, count + 1);
    surveys.push({
      survey_id: '',
      call_id: call.call_id,
      responded,
      respondent_number: call.customer.number,
      ...surveyAnswers(call, agents.get(call.agent_id)!, rng),
    });
  }
  return surveys;
}

/** Numbers surveys S0000001, ... in order of response. */
export function assignSurveyIds(surveys: Survey[]): void {
  surveys.sort((a, b) => a.responded - b.responded || a.call_id.localeCompare(b.call_id));
  surveys.forEach((s, i) => {
    s.survey_id = `S${String(i + 1).padStart(7, '0')}`;
  });
}
