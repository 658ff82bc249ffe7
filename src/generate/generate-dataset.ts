/**
 * The generator's pipeline: plan the agent-level anomalies, simulate the calls, inject
 * call-level anomalies, then derive speech, surveys, audits and complaints from the
 * calls (each followed by its own injections). Every step draws from its own named
 * random stream, so the result depends on the options alone.
 */
import { AUDIT_FORM } from './audit-form.ts';
import { assignAuditIds, buildAudits } from './audits.ts';
import { assignCallIds, simulateCalls } from './calls.ts';
import { assignComplaintIds, buildComplaints } from './complaints.ts';
import type { Dataset, Label, Segment } from './model.ts';
import { callSegments } from './segments.ts';
import { assignSurveyIds, buildSurveys } from './surveys.ts';
import { createWorld, type GenerateOptions } from './world.ts';
import { injectAuditorDrift } from './anomalies/auditor-drift.ts';
import { injectCallerIdSpoofs } from './anomalies/caller-id-spoof.ts';
import { injectComplaintsAfterSale } from './anomalies/complaint-after-sale.ts';
import {
  chooseDuplicateCalls,
  injectMissingContact,
  injectSegmentsBeyondEnd,
  injectUnknownAgentAudit,
} from './anomalies/data-quality.ts';
import { injectHangupFirst } from './anomalies/hangup-first.ts';
import { injectMetricShifts } from './anomalies/metric-shift.ts';
import { injectOutsideHours } from './anomalies/outside-hours.ts';
import { injectPeerOutliers } from './anomalies/peer-outlier.ts';
import { injectRobocallBursts } from './anomalies/robocall-burst.ts';
import { injectScoreDivergence } from './anomalies/score-divergence.ts';
import { injectShortSales } from './anomalies/short-sale.ts';
import { injectSurveyIntegrity } from './anomalies/survey-integrity.ts';

export interface Generated {
  data: Dataset;
  labels: Label[];
  config: { timezone: string; centre_numbers: string[] };
}

const TIMEZONE = 'Asia/Shanghai';

export function generateDataset(options: GenerateOptions): Generated {
  const world = createWorld(options);
  const rng = world.rng.fork('anomalies');

  injectPeerOutliers(world, rng.fork('peer_outlier'));
  injectHangupFirst(world, rng.fork('hangup_first'));
  injectScoreDivergence(world, rng.fork('score_divergence'));
  injectAuditorDrift(world);
  injectMetricShifts(world, rng.fork('metric_shift'));

  const calls = simulateCalls(world);
  calls.push(
    ...injectOutsideHours(world, rng.fork('outside_hours')),
    ...injectRobocallBursts(world, calls, rng.fork('robocall_burst')),
  );
  assignCallIds(calls);
  injectShortSales(world, calls, rng.fork('short_sale'));
  injectCallerIdSpoofs(world, calls, rng.fork('caller_id_spoof'));
  injectMissingContact(world, calls, rng.fork('data_quality-contact'));

  const speech = world.rng.fork('segments');
  const segments: Segment[] = calls.flatMap((c) =>
    c.answered !== null && c.ended > c.answered ? callSegments(c, speech) : [],
  );
  injectSegmentsBeyondEnd(world, calls, segments, rng.fork('data_quality-segments'));

  const agents = new Map(world.agents.map((a) => [a.agent_id, a]));
  const surveys = buildSurveys(calls, agents, world.exportAt, world.rng.fork('surveys'));
  injectSurveyIntegrity(world, calls, surveys, rng.fork('survey_integrity'));
  assignSurveyIds(surveys);

  const audits = buildAudits(world, calls, world.rng.fork('audits'));
  injectUnknownAgentAudit(world, audits, rng.fork('data_quality-audits'));
  assignAuditIds(audits);

  const complaints = buildComplaints(calls, world.exportAt, world.rng.fork('complaints'));
  injectComplaintsAfterSale(world, calls, complaints, rng.fork('complaint_after_sale'));
  assignComplaintIds(complaints);

  const duplicateCallIds = chooseDuplicateCalls(world, calls, rng.fork('data_quality-duplicates'));

  return {
    data: {
      agents: world.agents,
      calls,
      segments,
      surveys,
      audit_items: [...AUDIT_FORM],
      audits,
      complaints,
      shifts: world.shifts,
      duplicateCallIds,
    },
    labels: world.labels.list(),
    config: { timezone: TIMEZONE, centre_numbers: world.centreNumbers },
  };
}
