/**
 * The centre's three teams: one inbound service team on the customer queues and two
 * outbound sales teams, each working two campaigns. Agents are split evenly.
 */
import type { Team } from './model.ts';

export const TEAMS: readonly Team[] = [
  { name: 'service', site: 'Shanghai', direction: 'inbound', work: ['general', 'billing', 'tech_support'] },
  { name: 'sales_east', site: 'Shanghai', direction: 'outbound', work: ['broadband_upgrade', 'mobile_plan'] },
  { name: 'sales_west', site: 'Chengdu', direction: 'outbound', work: ['credit_card', 'home_insurance'] },
];

/** How many agents each team gets: as even as possible, the first teams first. */
export function teamSizes(agents: number): number[] {
  return TEAMS.map((_, i) => Math.floor(agents / TEAMS.length) + (i < agents % TEAMS.length ? 1 : 0));
}
