/**
 * Complaint tickets, about 1% of calls: raised on inbound calls that ended as a
 * complaint, by people who asked not to be called again, and now and then about an
 * agent after an ordinary call. Response and resolution times spread log-normally by
 * severity (some miss their SLA); most resolved tickets get a follow-up call; a few are
 * escalated or reopened; tickets still unresolved at export time stay open.
 * A customer is never shown complaining within days after buying: that is the
 * complaint_after_sale anomaly, injected and labelled on its own.
 */
import { DAY_S, HOUR_S } from './local-time.ts';
import type { Call, Complaint } from './model.ts';
import type { Rng } from './prng.ts';

const CATEGORIES: Record<string, readonly string[]> = {
  inbound: ['billing_error', 'unresolved_issue', 'service_attitude', 'network_quality', 'waiting_time'],
  do_not_call: ['marketing_harassment'],
  other: ['service_attitude', 'wrong_information'],
};

const SEVERITY = { high: 0.15, medium: 0.45, low: 0.4 } as const;
/** Median hours to first response and to resolution, by severity. */
const RESPONSE_MEDIAN_H = { high: 1.5, medium: 4, low: 8 } as const;
const RESOLVE_MEDIAN_H = { high: 10, medium: 28, low: 44 } as const;
/** No normal complaint within this long after the same customer's purchase. */
const QUIET_AFTER_SALE_S = 10 * DAY_S;

function raisedBy(call: Call, rng: Rng): readonly string[] | null {
  if (call.answered === null || !call.customer_id) return null;
  if (call.disposition === 'complaint') return CATEGORIES.inbound!;
  if (call.disposition === 'do_not_call') return rng.chance(0.3) ? CATEGORIES.do_not_call! : null;
  return rng.chance(0.003) ? CATEGORIES.other! : null;
}

/** A ticket's life after it is opened: response, resolution, follow-up, as of export time. */
export function ticket(
  opened: number,
  severity: Complaint['severity'],
  exportAt: number,
  rng: Rng,
): Omit<Complaint, 'complaint_id' | 'customer_id' | 'call_id' | 'agent_id' | 'category' | 'severity' | 'opened'> {
  const escalated = rng.chance(severity === 'high' ? 0.2 : 0.04);
  const reopened_count = rng.chance(0.06) ? (rng.chance(0.2) ? 2 : 1) : 0;
  const firstResponse = opened + Math.round(rng.lognormal(RESPONSE_MEDIAN_H[severity] * HOUR_S, 0.7));
  const resolveS =
    rng.lognormal(RESOLVE_MEDIAN_H[severity] * HOUR_S, 0.6) * (1 + 0.6 * reopened_count) * (escalated ? 1.4 : 1);
  // A few tickets stall and stay open whatever their age.
  const resolved = rng.chance(0.03) ? null : opened + Math.max(firstResponse - opened, Math.round(resolveS));
  const followUp = resolved !== null && rng.chance(0.8) ? resolved + rng.int(2 * HOUR_S, 48 * HOUR_S) : null;
  const seen = (t: number | null) => (t !== null && t <= exportAt ? t : null);
  const followUpSeen = seen(resolved) === null ? null : seen(followUp);
  return {
    first_response: seen(firstResponse),
    resolved: seen(resolved),
    follow_up: followUpSeen,
    follow_up_satisfied: followUpSeen === null ? null : rng.chance(0.85),
    escalated,
    reopened_count,
  };
}

/** Start times of each customer's sales. */
export function salesByCustomer(calls: readonly Call[]): Map<string, number[]> {
  const sales = new Map<string, number[]>();
  for (const call of calls) {
    if (call.disposition === 'sale' && call.customer)
      sales.set(call.customer.id, [...(sales.get(call.customer.id) ?? []), call.started]);
  }
  return sales;
}

/** Whether the customer bought within QUIET_AFTER_SALE_S before t (or on the day after it). */
function boughtNear(sales: ReadonlyMap<string, number[]>, customerId: string, t: number): boolean {
  return (sales.get(customerId) ?? []).some((s) => s <= t + DAY_S && t - s < QUIET_AFTER_SALE_S);
}

export function buildComplaints(calls: readonly Call[], exportAt: number, rng: Rng): Complaint[] {
  const sales = salesByCustomer(calls);
  const complaints: Complaint[] = [];
  for (const call of calls) {
    const categories = raisedBy(call, rng);
    if (!categories) continue;
    const opened = call.ended + rng.int(60, 2 * HOUR_S);
    if (opened > exportAt || boughtNear(sales, call.customer_id!, opened)) continue;
    const severity = rng.weighted(SEVERITY);
    complaints.push({
      complaint_id: '',
      customer_id: call.customer_id,
      call_id: call.call_id,
      agent_id: call.agent_id,
      category: rng.pick(categories),
      severity,
      opened,
      ...ticket(opened, severity, exportAt, rng),
    });
  }
  return complaints;
}

export function assignComplaintIds(complaints: Complaint[]): void {
  complaints.sort((a, b) => a.opened - b.opened || (a.call_id ?? '').localeCompare(b.call_id ?? ''));
  complaints.forEach((c, i) => {
    c.complaint_id = `CP${String(i + 1).padStart(6, '0')}`;
  });
}
