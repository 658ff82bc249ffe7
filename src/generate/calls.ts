/**
 * Every call of the window: the inbound queue and each outbound agent's dialling, day by
 * day (leads and repeat callers carry over between days). Call ids are given later, in
 * start order, once the injected calls are in (see assignCallIds).
 */
import { teamOf } from './agents.ts';
import { modifierKey, ORDINARY_DAY } from './call-outcomes.ts';
import { InboundCallers } from './inbound-callers.ts';
import { simulateInboundDay } from './inbound-calls.ts';
import type { Call } from './model.ts';
import { simulateOutboundDay } from './outbound-calls.ts';
import { LeadPool } from './outbound-leads.ts';
import { worksOn } from './rota.ts';
import { TEAMS } from './teams.ts';
import type { World } from './world.ts';

/** The campaign an outbound agent works: teams split their agents over their campaigns. */
export function campaignOf(world: World, agentId: string): string {
  const agent = world.agents.find((a) => a.agent_id === agentId)!;
  const team = teamOf(agent);
  const index = world.agents.filter((a) => a.team === team.name).indexOf(agent);
  return team.work[index % team.work.length]!;
}

export function simulateCalls(world: World): Call[] {
  const rng = world.rng.fork('calls');
  const callers = new InboundCallers(world.customers, rng.fork('callers'));
  const leads = new Map(
    TEAMS.flatMap((t) => (t.direction === 'outbound' ? t.work : [])).map((c) => [
      c,
      new LeadPool(world.customers, rng.fork(`leads-${c}`)),
    ]),
  );
  const calls: Call[] = [];
  for (const day of world.days) {
    const dayRng = rng.fork(day);
    const working = world.agents.filter((a) => worksOn(a, day));
    const service = working.filter((a) => teamOf(a).direction === 'inbound');
    calls.push(...simulateInboundDay(day, service, world.modifiers, callers, dayRng.fork('inbound')));
    for (const agent of working) {
      if (teamOf(agent).direction !== 'outbound') continue;
      const campaign = campaignOf(world, agent.agent_id);
      const modifier = world.modifiers.get(modifierKey(agent.agent_id, day)) ?? ORDINARY_DAY;
      calls.push(
        ...simulateOutboundDay(day, agent, campaign, modifier, leads.get(campaign)!, dayRng.fork(agent.agent_id)),
      );
    }
  }
  return calls;
}

/** Sorts calls by start (then agent) and numbers them C0000001, C0000002, ... */
export function assignCallIds(calls: Call[]): void {
  calls.sort(
    (a, b) => a.started - b.started || (a.agent_id ?? '').localeCompare(b.agent_id ?? '') || a.ended - b.ended,
  );
  calls.forEach((call, i) => {
    call.call_id = `C${String(i + 1).padStart(7, '0')}`;
  });
}
