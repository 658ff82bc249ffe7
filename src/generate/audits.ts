/**
 * Audits: three or four per agent a month, by phone (on a recorded call), online or at
 * the counter, each scoring every item of the form (null where an item does not apply).
 * Agents earn about their audit quality on each item, give or take the auditor's lean;
 * only the weakest agents fail a critical item. Calibration sessions (about one per team
 * a week) have three or four auditors score the same call (four regular auditors when
 * a trainee joins).
 */
import { AUDIT_FORM, FORM_ID, notApplicable } from './audit-form.ts';
import type { Auditor } from './auditors.ts';
import { DAY_S, HOUR_S } from './local-time.ts';
import type { Agent, AuditRow, Call } from './model.ts';
import type { Rng } from './prng.ts';
import { TEAMS } from './teams.ts';
import type { World } from './world.ts';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const NOTES_LOW = [
  'did not confirm identity',
  'interrupted the customer twice',
  'no summary at the end',
  '未确认客户身份',
  'pushed the offer after a clear "no"',
];
const NOTES_GOOD = ['good rapport', '<i>textbook</i> opening', '服务规范'];

export function calibrationSessionCount(days: number): number {
  return TEAMS.length * Math.max(1, Math.round(days / 7));
}

/** Trainee k joins sessions k, k + 3, k + 6, ...: never two trainees in one session. */
export function traineeJoins(session: number, trainee: number): boolean {
  return session % 3 === trainee;
}

interface Interaction {
  agent: Agent;
  call: Call | null;
  channel: AuditRow['channel'];
  objectionRaised: boolean;
}

/** One audit's rows: `earned` gives the share of points on each applicable item. */
function auditRows(
  auditId: string,
  interaction: Interaction,
  auditor: Auditor,
  audited: number,
  calibrationId: string | null,
  earned: (itemIndex: number) => number,
  note: string | null,
): AuditRow[] {
  const direction = interaction.call?.direction ?? null;
  return AUDIT_FORM.map((item, i) => ({
    audit_id: auditId,
    form_id: FORM_ID,
    agent_id: interaction.agent.agent_id,
    auditor_id: auditor.auditor_id,
    audited,
    channel: interaction.channel,
    call_id: interaction.call?.call_id ?? null,
    calibration_id: calibrationId,
    item_id: item.item_id,
    points: notApplicable(item.item_id, direction, interaction.objectionRaised)
      ? null
      : Math.round(earned(i) * item.max_points),
    note: i === 0 ? note : null,
  }));
}

function objection(call: Call | null, rng: Rng): boolean {
  return rng.chance(call?.direction === 'outbound' ? 0.8 : 0.45);
}

export function buildAudits(world: World, calls: readonly Call[], rng: Rng): AuditRow[] {
  const rows: AuditRow[] = [];
  const answeredBy = new Map<string, Call[]>();
  for (const call of calls) {
    if (call.answered !== null && call.agent_id)
      answeredBy.set(call.agent_id, [...(answeredBy.get(call.agent_id) ?? []), call]);
  }
  const scale = world.days.length / 28;
  const regular = world.auditors.filter((a) => !a.trainee);
  let n = 0;
  const nextId = () => `#${++n}`;

  for (const agent of world.agents) {
    const own = answeredBy.get(agent.agent_id) ?? [];
    const count = Math.max(1, Math.round(rng.int(3, 4) * scale));
    for (let k = 0; k < count; k++) {
      const channel = rng.weighted({ phone: 0.7, online: 0.2, counter: 0.1 } as const);
      const call = channel === 'phone' && own.length > 0 ? rng.pick(own) : null;
      const audited = call
        ? Math.min(call.ended + rng.int(HOUR_S, 4 * DAY_S), world.exportAt)
        : rng.pick(world.days) + rng.int(10 * HOUR_S, 17 * HOUR_S);
      const auditor = rng.pick(regular);
      const criticalFail = rng.chance(agent.traits.criticalFailRate);
      const failedItem = criticalFail ? rng.pick(AUDIT_FORM.filter((it) => it.critical)).item_id : null;
      const quality = agent.traits.auditQuality + auditor.bias;
      const earned = (i: number) => {
        const item = AUDIT_FORM[i]!;
        if (item.critical) return item.item_id === failedItem ? 0 : 1;
        if (item.item_id === 'WR1' && call?.disconnect_party === 'agent') return 0;
        return clamp01(quality + rng.normal(0, 0.08));
      };
      const note =
        criticalFail || rng.chance(0.1) ? rng.pick(NOTES_LOW) : rng.chance(0.08) ? rng.pick(NOTES_GOOD) : null;
      rows.push(
        ...auditRows(
          nextId(),
          {
            agent,
            call: call ?? null,
            channel: call ? 'phone' : channel === 'phone' ? 'online' : channel,
            objectionRaised: objection(call, rng),
          },
          auditor,
          audited,
          null,
          earned,
          note,
        ),
      );
    }
  }

  const sessions = calibrationSessionCount(world.days.length);
  const trainees = world.auditors.filter((a) => a.trainee);
  for (let i = 0; i < sessions; i++) {
    const team = TEAMS[i % TEAMS.length]!;
    const trainee = trainees.find((_, k) => traineeJoins(i, k));
    const candidates = world.agents.filter(
      (a) => a.team === team.name && !world.reserved.has(a.agent_id) && (answeredBy.get(a.agent_id)?.length ?? 0) > 0,
    );
    if (candidates.length === 0) continue;
    const agent = rng.pick(candidates);
    const own = answeredBy.get(agent.agent_id)!;
    const settled = own.filter((c) => c.ended < world.exportAt - DAY_S);
    const call = rng.pick(settled.length > 0 ? settled : own);
    const sessionAt = Math.max(
      call.ended + 600,
      Math.min(call.ended + rng.int(DAY_S, 3 * DAY_S), world.exportAt - 2 * HOUR_S),
    );
    // With a trainee in the room, four regular auditors keep the group mean near the truth.
    const size = trainee ? Math.min(4, regular.length) : rng.int(3, Math.min(4, regular.length));
    const group = [...rng.sample(regular, size), ...(trainee ? [trainee] : [])];
    const interaction: Interaction = { agent, call, channel: 'phone', objectionRaised: objection(call, rng) };
    const truth = AUDIT_FORM.map((item) =>
      item.critical ? 1 : clamp01(agent.traits.auditQuality + rng.normal(0, 0.06)),
    );
    const calibrationId = `CAL${String(i + 1).padStart(3, '0')}`;
    group.forEach((auditor, k) => {
      const earned = (j: number) =>
        AUDIT_FORM[j]!.critical ? 1 : clamp01(truth[j]! + auditor.bias + rng.normal(0, 0.04));
      rows.push(...auditRows(nextId(), interaction, auditor, sessionAt + k * 600, calibrationId, earned, null));
    });
  }
  return rows;
}

/** Numbers audits AU000001, ... in order of audit time (rows of one audit stay together). */
export function assignAuditIds(rows: AuditRow[]): void {
  const order = new Map<string, number>();
  for (const row of rows) if (!order.has(row.audit_id)) order.set(row.audit_id, row.audited);
  const ids = [...order.entries()].sort((a, b) => a[1] - b[1]);
  const rename = new Map(ids.map(([old], i) => [old, `AU${String(i + 1).padStart(6, '0')}`]));
  for (const row of rows) row.audit_id = rename.get(row.audit_id)!;
  rows.sort((a, b) => (a.audit_id < b.audit_id ? -1 : a.audit_id > b.audit_id ? 1 : 0));
}
