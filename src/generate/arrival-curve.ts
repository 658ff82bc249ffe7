/**
 * When customers call and when agents dial. Inbound demand has a morning peak (10-11h)
 * and an evening peak (19-20h) and a lunch dip; staffing follows it, so every agent on
 * shift carries about the same load whatever the day (fewer agents at weekends, fewer
 * calls). Outbound agents dial more in the evening, when more people pick up.
 */
import { HOUR_S } from './local-time.ts';
import type { ShiftTemplate } from './model.ts';
import { SHIFT_TEMPLATES } from './rota.ts';

/** Relative inbound demand of the centre by local hour (0 = closed). */
const INBOUND_DEMAND = [
  0, 0, 0, 0, 0, 0, 0, 0, 0.4, 0.75, 1, 0.95, 0.8, 0.8, 0.85, 0.85, 0.8, 0.8, 0.85, 0.95, 0.7, 0.35, 0, 0,
];

/** Answered-and-offered inbound calls an agent on shift carries in a day, on average. */
const INBOUND_CALLS_PER_AGENT_DAY = 46;

/** Share of hour h (seconds [h, h+1)) in which a shift template is at work. */
export function availability(t: ShiftTemplate, hour: number): number {
  const overlap = (a: number, b: number) => Math.max(0, Math.min(b, (hour + 1) * HOUR_S) - Math.max(a, hour * HOUR_S));
  return (overlap(t.start, t.breakStart) + overlap(t.breakEnd, t.end)) / HOUR_S;
}

/**
 * Expected inbound arrivals per hour for each agent at work in that hour: the demand
 * curve divided by how much of the standard rota works then, scaled so an average
 * agent's day carries INBOUND_CALLS_PER_AGENT_DAY.
 */
function perAgentHourlyLoad(): number[] {
  const templates = SHIFT_TEMPLATES.inbound;
  const coverage = INBOUND_DEMAND.map(
    (_, h) => templates.reduce((sum, t) => sum + availability(t, h), 0) / templates.length,
  );
  const relative = INBOUND_DEMAND.map((d, h) => (coverage[h]! > 0 ? d / coverage[h]! : 0));
  const dayLoad =
    templates.reduce((sum, t) => sum + relative.reduce((s, r, h) => s + r * availability(t, h), 0), 0) /
    templates.length;
  return relative.map((r) => (r * INBOUND_CALLS_PER_AGENT_DAY) / dayLoad);
}

export const INBOUND_LOAD_PER_AGENT_HOUR: readonly number[] = perAgentHourlyLoad();

/** How busily outbound agents dial, by local hour (they research leads between dials). */
export const OUTBOUND_DIAL_INTENSITY = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0.9, 1.1, 1.1, 0.8, 0.8, 1, 1, 0.95, 1, 1.15, 1.2, 1.05, 0, 0, 0,
];

/** Chance an outbound dial is picked up, by local hour (evenings are best). */
export const OUTBOUND_CONTACT_RATE = [
  0, 0, 0, 0, 0, 0, 0, 0, 0.35, 0.36, 0.4, 0.41, 0.33, 0.34, 0.39, 0.4, 0.41, 0.43, 0.5, 0.53, 0.49, 0.4, 0, 0,
];

/** Dials an outbound agent makes in a shift, on average. */
export const OUTBOUND_DIALS_PER_AGENT_DAY = 68;
