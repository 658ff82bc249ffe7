/**
 * The rota: fixed shift templates per team, two days off a week per agent with fewer
 * agents at weekends (demand is lower), and one shift row per agent and working day.
 * Inbound templates are staggered so that the morning and evening peaks are covered;
 * outbound shifts end well before the 21:00 calling limit.
 */
import { HOUR_S, weekdayOf } from './local-time.ts';
import type { Agent, Direction, Shift, ShiftTemplate } from './model.ts';
import type { Rng } from './prng.ts';

const at = (h: number, m = 0) => h * HOUR_S + m * 60;
const template = (start: number, end: number, breakStart: number): ShiftTemplate => ({
  start,
  end,
  breakStart,
  breakEnd: breakStart + HOUR_S,
});

export const SHIFT_TEMPLATES: Record<Direction, readonly ShiftTemplate[]> = {
  inbound: [
    template(at(8), at(17), at(12, 30)),
    template(at(9), at(18), at(13, 30)),
    template(at(12), at(21), at(16)),
    template(at(13), at(22), at(17)),
  ],
  outbound: [template(at(9), at(18), at(12)), template(at(11, 30), at(20, 30), at(16, 30))],
};

/** Share of a team off on each weekend day (weekdays share the rest of the days off). */
const WEEKEND_OFF_SHARE = 0.45;

/**
 * Two days off for each of n agents: the days-off slots (fewer on weekdays, more at
 * weekends) sorted by day; agent j takes slots j and j + n, which are never the same day
 * because no day has more than n slots.
 */
export function daysOffPattern(n: number): number[][] {
  const weekendOff = Math.round(n * WEEKEND_OFF_SHARE);
  const weekdayOff = 2 * n - 2 * weekendOff;
  const slots: number[] = [];
  for (let day = 0; day < 5; day++) {
    const count = Math.floor(weekdayOff / 5) + (day < weekdayOff % 5 ? 1 : 0);
    for (let k = 0; k < count; k++) slots.push(day);
  }
  for (const day of [5, 6]) for (let k = 0; k < weekendOff; k++) slots.push(day);
  return Array.from({ length: n }, (_, j) => [slots[j]!, slots[j + n]!]);
}

export function worksOn(agent: Agent, day: number): boolean {
  return !agent.traits.daysOff.includes(weekdayOf(day));
}

/** One row per agent and working day, with a little jitter on the clock-in and -out. */
export function buildShifts(agents: readonly Agent[], days: readonly number[], rng: Rng): Shift[] {
  const shifts: Shift[] = [];
  for (const day of days) {
    for (const agent of agents) {
      if (!worksOn(agent, day)) continue;
      const t = agent.traits.template;
      shifts.push({
        agent_id: agent.agent_id,
        shift_date: day,
        start: day + t.start - rng.int(0, 8) * 60,
        end: day + t.end + rng.int(0, 12) * 60,
      });
    }
  }
  return shifts;
}
