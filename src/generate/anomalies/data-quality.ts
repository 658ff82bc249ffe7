/**
 * data_quality, per agent-day and per file:
 * - agent-days where 40-55% of the agent's calls lost both customer_id and
 *   customer_number (a CRM outage); normal calls always carry the number;
 * - segments.* with speech running past the end of a few calls;
 * - audits.* with an audit of an agent who is not in agents.*;
 * - calls.* with two rows sent twice (duplicate call_id; the loader rejects the second
 *   copies, far below its 1% reject limit; only with 1000 calls or more).
 */
import { modifierKey } from '../call-outcomes.ts';
import { dayOf } from '../local-time.ts';
import type { AuditRow, Call, Segment } from '../model.ts';
import type { Rng } from '../prng.ts';
import type { World } from '../world.ts';

const AGENT_DAY_CASES = 4;
const MIN_AGENT_DAY_CALLS = 25;
/** Two repeated rows in at least this many are 0.2% at most. */
const MIN_CALLS_FOR_DUPLICATES = 1000;

export function injectMissingContact(world: World, calls: readonly Call[], rng: Rng): void {
  const byAgentDay = new Map<string, Call[]>();
  for (const call of calls) {
    if (!call.agent_id) continue;
    const key = modifierKey(call.agent_id, dayOf(call.started));
    byAgentDay.set(key, [...(byAgentDay.get(key) ?? []), call]);
  }
  const eligible = [...byAgentDay.entries()].filter(
    ([key, own]) => own.length >= MIN_AGENT_DAY_CALLS && !world.modifiers.has(key),
  );
  const agents = new Set<string>();
  for (const [, own] of rng.shuffled(eligible)) {
    if (agents.size >= AGENT_DAY_CASES) break;
    const agentId = own[0]!.agent_id!;
    if (agents.has(agentId)) continue;
    agents.add(agentId);
    const free = own.filter((c) => !world.touched.has(c));
    for (const call of rng.sample(free, Math.ceil(own.length * rng.uniform(0.4, 0.55)))) {
      call.customer_id = null;
      call.customer_number = null;
      world.touched.add(call);
    }
    world.labels.add('data_quality', 'agent', agentId, dayOf(own[0]!.started));
  }
}

export function injectSegmentsBeyondEnd(world: World, calls: readonly Call[], segments: Segment[], rng: Rng): void {
  const byCall = new Map<string, Segment[]>();
  for (const s of segments) byCall.set(s.call_id, [...(byCall.get(s.call_id) ?? []), s]);
  const connected = calls.filter((c) => c.answered !== null && byCall.has(c.call_id) && !world.touched.has(c));
  for (const call of rng.sample(connected, 3)) {
    const last = byCall.get(call.call_id)!.reduce((a, b) => (b.end_ms > a.end_ms ? b : a));
    last.end_ms = (call.ended - call.answered!) * 1000 + rng.int(300, 4000) * 10;
    world.touched.add(call);
  }
  world.labels.add('data_quality', 'file', world.fileName('segments'), null);
}

/** A copy of one ordinary audit, filed against an agent id nobody has. */
export function injectUnknownAgentAudit(world: World, audits: AuditRow[], rng: Rng): void {
  const regular = audits.filter((r) => r.calibration_id === null);
  if (regular.length === 0) return;
  const source = rng.pick(regular).audit_id;
  const ghost = `A${String(world.agents.length + 1 + rng.int(0, 50)).padStart(3, '0')}`;
  audits.push(
    ...audits.filter((r) => r.audit_id === source).map((r) => ({ ...r, audit_id: `${source}-ghost`, agent_id: ghost })),
  );
  world.labels.add('data_quality', 'file', world.fileName('audits'), null);
}

/** Calls whose row is written twice in calls.* (re-sent rows), when there are enough calls for two repeats to stay far below the loader's 1% reject limit. */
export function chooseDuplicateCalls(world: World, calls: readonly Call[], rng: Rng): string[] {
  if (calls.length < MIN_CALLS_FOR_DUPLICATES) return [];
  const ids = rng
    .sample(
      calls.filter((c) => !world.touched.has(c)),
      2,
    )
    .map((c) => c.call_id);
  world.labels.add('data_quality', 'file', world.fileName('calls'), null);
  return ids.sort();
}
