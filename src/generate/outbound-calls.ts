/**
 * One outbound agent's day, dial by dial: the agent takes the next lead of their
 * campaign, rings, talks if someone answers, wraps up, and after a pause (lead research,
 * shorter in busy hours) dials again, from clock-in to clock-out with a meal break.
 * Dialling starts and ends well inside the 08:00-21:00 calling window.
 */
import { OUTBOUND_CONTACT_RATE, OUTBOUND_DIAL_INTENSITY, OUTBOUND_DIALS_PER_AGENT_DAY } from './arrival-curve.ts';
import { outboundHandling, saleAmount, type DayModifier } from './call-outcomes.ts';
import { HOUR_S, hourOf } from './local-time.ts';
import type { Agent, Call } from './model.ts';
import type { LeadPool } from './outbound-leads.ts';
import type { Rng } from './prng.ts';

/** Last moment a normal dial may start (local seconds after midnight). */
const LAST_DIAL_S = 20 * HOUR_S + 45 * 60;
/** Mean seconds a dial keeps the agent busy (ringing, talk, wrap-up), for pacing. */
const MEAN_ATTEMPT_S = 100;
const GRADE_CONTACT = { A: 1.1, B: 1, C: 0.9 } as const;

export function simulateOutboundDay(
  dayStart: number,
  agent: Agent,
  campaign: string,
  day: DayModifier,
  leads: LeadPool,
  rng: Rng,
): Call[] {
  const t = agent.traits.template;
  const breakStart = dayStart + t.breakStart + rng.int(-10, 10) * 60;
  const breakEnd = breakStart + (t.breakEnd - t.breakStart);
  const stop = Math.min(dayStart + t.end - 5 * 60, dayStart + LAST_DIAL_S);
  const productive = t.end - t.start - (t.breakEnd - t.breakStart) - 10 * 60;
  const meanGap = productive / OUTBOUND_DIALS_PER_AGENT_DAY - MEAN_ATTEMPT_S;
  const calls: Call[] = [];
  let now = dayStart + t.start + rng.int(180, 600);
  while (now < stop) {
    if (now >= breakStart && now < breakEnd) {
      now = breakEnd + rng.int(0, 300);
      continue;
    }
    const lead = leads.next(dayStart);
    const base = {
      call_id: '',
      direction: 'outbound' as const,
      agent_id: agent.agent_id,
      queue: null,
      campaign_id: campaign,
      customer_id: lead.customer.id,
      customer_number: lead.customer.number,
      caller_id: null,
      started: now,
      transferred: false,
      lead_grade: lead.grade,
      customer_tier: lead.customer.tier,
      customer: lead.customer,
    };
    let call: Call;
    if (rng.chance(OUTBOUND_CONTACT_RATE[hourOf(now)]! * GRADE_CONTACT[lead.grade])) {
      const answered = now + rng.int(6, 24);
      const h = outboundHandling(lead.grade, agent, day, rng);
      call = {
        ...base,
        answered,
        ended: answered + h.talk + h.hold,
        hold_s: h.hold,
        acw_s: h.acw,
        disconnect_party: h.disconnect,
        disposition: h.disposition,
        sale_amount: h.disposition === 'sale' ? saleAmount(campaign, rng) : null,
        talkRatio: h.talkRatio,
      };
    } else {
      const busy = rng.chance(0.18);
      call = {
        ...base,
        answered: null,
        ended: now + (busy ? rng.int(3, 9) : rng.int(20, 45)),
        hold_s: 0,
        acw_s: 0,
        disconnect_party: busy ? 'system' : 'customer',
        disposition: busy ? 'busy' : 'no_answer',
        sale_amount: null,
        talkRatio: 0,
      };
    }
    calls.push(call);
    leads.attempted(lead, call.disposition!, dayStart);
    const intensity = OUTBOUND_DIAL_INTENSITY[hourOf(call.ended)] || 1;
    now = call.ended + call.acw_s + Math.round((rng.uniform(0.4, 1.6) * meanGap) / intensity);
  }
  return calls;
}
