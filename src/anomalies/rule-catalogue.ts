/**
 * How the anomalies page reads each rule's findings, beside the rules themselves (rules.ts).
 * Documented in docs/audit-desk.md ("Score and Value").
 * - Score has one meaning for every rule: the finding's strength in multiples of the rule's
 *   threshold, 1 at the threshold and 2 at twice it (where most rules call a finding high).
 *   The rules' SQL keeps its own scores (robust z, ratios, drift ...); the page computes
 *   offset + scale × |score| with the rule's `strength` below. Every formula grows with
 *   |score|, so a case's peak score gives its peak strength.
 * - Value is shown in the unit of its metric, beside what the rule compares it with, named
 *   for what it is: the agent's usual (own median), the peers' median, the centre's figure,
 *   or the threshold (from the config in use when the finding's baseline is not one).
 * - The catalogue on the page says what each rule checks, its threshold, what makes a
 *   finding high and what its Score is, in labels (rule_check.*, rule_threshold.*,
 *   rule_high.*, rule_score.*) filled with the `settings` below.
 */
import type { Config } from '../config/config-schema.ts';
import type { RuleName } from '../config/anomaly-settings.ts';
import { RULES } from './rules.ts';

/** Units of a finding's value; each is also a report format (src/reports/format-value.ts). */
export const VALUE_UNITS = ['share', 'seconds', 'count', 'points', 'days', 'clock', 'digits'] as const;
export type ValueUnit = (typeof VALUE_UNITS)[number];

/** What a value is compared with (label `reference.<kind>`). */
export type ReferenceKind = 'usual' | 'peers' | 'centre' | 'threshold';

export interface MetricFacts {
  unit: ValueUnit;
  /** Absent: the value stands alone (the metric names the problem). */
  reference?: ReferenceKind;
  /** The reference from the config, for rules whose baseline column is not the threshold. */
  threshold?: number;
}

export interface RuleFacts {
  /** Score on the page = offset + scale × |score of the rule|. */
  strength: { offset: number; scale: number };
  /** Every metric the rule writes. */
  metrics: Record<string, MetricFacts>;
  /** The numbers the rule's catalogue labels name, as the page shows them. */
  settings: Record<string, string>;
}

/** One row of the catalogue as report queries read it ($rule_catalogue, JSON). */
export interface CatalogueEntry {
  /** The rule's place in RULES, the order the page lists them in. */
  position: number;
  rule: RuleName;
  enabled: boolean;
  strength_offset: number;
  strength_scale: number;
  settings: Record<string, string>;
  metrics: Array<{
    metric: string;
    unit: ValueUnit;
    reference_kind: ReferenceKind | null;
    reference_value: number | null;
  }>;
}

/** 0.2 -> "20%": settings are shown as the config reads, not rounded. */
const percent = (share: number) => `${Number((share * 100).toPrecision(12))}%`;

export function ruleFacts(config: Config): Record<RuleName, RuleFacts> {
  const a = config.anomalies;
  const same = (unit: ValueUnit, reference?: ReferenceKind): MetricFacts =>
    reference ? { unit, reference } : { unit };
  const z = (threshold: number) => ({ offset: 0, scale: 1 / threshold });
  const asWritten = { offset: 0, scale: 1 };
  const fileProblems = Object.fromEntries(
    [
      'duplicate_keys',
      'impossible_durations',
      'segments_beyond_call',
      'segments_of_unknown_calls',
      'surveys_unknown_call',
      'audits_unknown_call_or_agent',
    ].map((metric) => [metric, same('count')]),
  );
  return {
    metric_shift: {
      strength: z(a.metric_shift.z_threshold),
      metrics: {
        calls: same('count', 'usual'),
        conversion: same('share', 'usual'),
        aht: same('seconds', 'usual'),
        talk_ratio: same('share', 'usual'),
        csat: same('points', 'usual'),
        agent_hangup_rate: same('share', 'usual'),
      },
      settings: {
        z: String(a.metric_shift.z_threshold),
        z_high: String(2 * a.metric_shift.z_threshold),
        baseline_days: String(a.metric_shift.baseline_days),
        min_baseline_days: String(a.metric_shift.min_baseline_days),
      },
    },
    peer_outlier: {
      strength: z(a.peer_outlier.z_threshold),
      metrics: {
        conversion: same('share', 'peers'),
        aht: same('seconds', 'peers'),
        talk_ratio: same('share', 'peers'),
        csat: same('points', 'peers'),
      },
      settings: {
        z: String(a.peer_outlier.z_threshold),
        z_high: String(2 * a.peer_outlier.z_threshold),
        window_days: String(config.window_days),
        min_peers: String(a.peer_outlier.min_peers),
      },
    },
    short_sale: {
      // 1 − talk ÷ threshold is 0 at the threshold and 0.5 at half of it (high).
      strength: { offset: 1, scale: 2 },
      metrics: { talk_s: { unit: 'seconds', reference: 'threshold', threshold: config.short_sale_s } },
      settings: { seconds: String(config.short_sale_s), half: String(config.short_sale_s / 2) },
    },
    complaint_after_sale: {
      strength: asWritten,
      metrics: { days_after_sale: same('days', 'threshold') },
      settings: { window_days: String(a.complaint_after_sale.window_days) },
    },
    survey_integrity: {
      strength: asWritten,
      metrics: {
        centre_number: same('count'),
        agent_number: same('count'),
        surveys_per_number: same('count', 'threshold'),
        survey_timing: same('count'),
      },
      settings: { per_number: String(a.survey_integrity.max_surveys_per_number) },
    },
    score_divergence: {
      strength: z(a.score_divergence.min_rank_gap),
      metrics: {
        csat_vs_audit_rank_gap: { unit: 'share', reference: 'threshold', threshold: a.score_divergence.min_rank_gap },
      },
      settings: {
        gap: percent(a.score_divergence.min_rank_gap),
        window_days: String(a.score_divergence.window_days),
        min_surveys: String(a.score_divergence.min_surveys),
        min_audits: String(a.score_divergence.min_audits),
      },
    },
    caller_id_spoof: {
      strength: asWritten,
      metrics: {
        protected_number: same('digits'),
        caller_id_empty: same('digits'),
        caller_id_all_zeros: same('digits'),
        caller_id_too_short: { unit: 'digits', reference: 'threshold', threshold: a.caller_id_spoof.min_digits },
        caller_id_too_long: { unit: 'digits', reference: 'threshold', threshold: a.caller_id_spoof.max_digits },
      },
      settings: { min_digits: String(a.caller_id_spoof.min_digits), max_digits: String(a.caller_id_spoof.max_digits) },
    },
    robocall_burst: {
      strength: asWritten,
      metrics: {
        short_calls_in_window: same('count', 'threshold'),
        sequential_numbers_dialled: same('count', 'threshold'),
      },
      settings: {
        min_calls: String(a.robocall_burst.min_calls),
        max_duration_s: String(a.robocall_burst.max_duration_s),
        window_minutes: String(a.robocall_burst.window_minutes),
        min_run: String(a.robocall_burst.min_sequential_run),
        calls_high: String(2 * a.robocall_burst.min_calls),
        run_high: String(2 * a.robocall_burst.min_sequential_run),
      },
    },
    data_quality: {
      strength: asWritten,
      metrics: { missing_contact_share: same('share', 'centre'), ...fileProblems },
      settings: {
        share: percent(a.data_quality.max_missing_contact_share),
        min_calls: String(a.data_quality.min_calls),
        max_call_hours: String(a.data_quality.max_call_hours),
      },
    },
    hangup_first: {
      strength: z(a.hangup_first.z_threshold),
      metrics: { agent_hangup_rate: same('share', 'peers') },
      settings: {
        z: String(a.hangup_first.z_threshold),
        z_high: String(2 * a.hangup_first.z_threshold),
        window_days: String(config.window_days),
        min_calls: String(a.hangup_first.min_calls),
      },
    },
    auditor_drift: {
      // Its score is already bias ÷ max_bias.
      strength: asWritten,
      metrics: { calibration_bias: { unit: 'points', reference: 'threshold', threshold: a.auditor_drift.max_bias } },
      settings: {
        max_bias: String(a.auditor_drift.max_bias),
        bias_high: String(2 * a.auditor_drift.max_bias),
        min_groups: String(a.auditor_drift.min_groups),
        window_days: String(a.auditor_drift.window_days),
      },
    },
    outside_hours: {
      // Its score is the minutes outside the window: 1 at the window's edge, 2 an hour out (high).
      strength: { offset: 1, scale: 1 / 60 },
      metrics: { local_start_time: same('clock', 'threshold') },
      settings: { start: config.calling_window.start, end: config.calling_window.end },
    },
  };
}

/** The catalogue in the rules' order, as the $rule_catalogue report parameter holds it. */
export function ruleCatalogue(config: Config): CatalogueEntry[] {
  const facts = ruleFacts(config);
  return RULES.map(({ name }, i) => {
    const { strength, metrics, settings } = facts[name];
    return {
      position: i + 1,
      rule: name,
      enabled: config.anomalies[name].enabled,
      strength_offset: strength.offset,
      strength_scale: strength.scale,
      settings,
      metrics: Object.entries(metrics).map(([metric, m]) => ({
        metric,
        unit: m.unit,
        reference_kind: m.reference ?? null,
        reference_value: m.threshold ?? null,
      })),
    };
  });
}
