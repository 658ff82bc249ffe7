/**
 * Settings of the marketing-audit rules (docs/anomaly-rules.md#settings), one object per rule under
 * `anomalies.{rule}` in the config. Every rule can be switched off with `enabled: false`.
 * The other keys are bound as parameters of the rule's SQL (queries/anomalies/<rule>.sql)
 * under the same names ($z_threshold, $min_calls ...). Rules that need no tuning of their
 * own read top-level keys: short_sale_s, calling_window, protected_numbers, centre_numbers.
 */
import { z } from 'zod';

const rule = <T extends z.ZodRawShape>(shape: T) =>
  // Every key has a default, so an absent rule object means "all defaults".
  z.strictObject({ enabled: z.boolean().default(true), ...shape }).prefault({} as never);

const positive = z.number().positive();
const count = z.number().int().min(1);
const share = z.number().min(0).max(1);

/** The agent-day metrics metric_shift can watch (columns of agent_daily). */
export const SHIFT_METRICS = ['calls', 'conversion', 'aht', 'talk_ratio', 'csat', 'agent_hangup_rate'] as const;
/** The window metrics peer_outlier can compare between teammates. */
export const PEER_METRICS = ['conversion', 'aht', 'talk_ratio', 'csat'] as const;

const metricList = <T extends readonly [string, ...string[]]>(values: T, defaults: readonly T[number][] = values) =>
  z
    .array(z.enum(values))
    .min(1)
    .default([...defaults]);

export const anomalySettingsSchema = z
  .strictObject({
    metric_shift: rule({
      metrics: metricList(SHIFT_METRICS),
      z_threshold: positive.default(3.5),
      /** Trailing days before the day that form the baseline. */
      baseline_days: count.default(28),
      /** Baseline days with enough volume needed before a day is judged (first weeks: no verdict). */
      min_baseline_days: count.default(14),
      /** Minimum denominator of a rate on the day and on a baseline day (answered calls ...). */
      min_calls: count.default(10),
      /** Minimum surveys on the day and on a baseline day for csat. */
      min_surveys: count.default(5),
    }),
    peer_outlier: rule({
      // By default the outcome metrics only: agents differ widely in talk ratio (style) and
      // CSAT by nature, and both are judged with shrinkage in the trainer ranking.
      metrics: metricList(PEER_METRICS, ['conversion', 'aht']),
      z_threshold: positive.default(3.5),
      /** Window volume an agent needs to be judged or to count as a peer. */
      min_calls: count.default(30),
      min_surveys: count.default(10),
      /** Fewer qualified teammates than this: compare with every agent of the centre. */
      min_peers: count.default(5),
    }),
    short_sale: rule({}),
    complaint_after_sale: rule({ window_days: count.default(7) }),
    survey_integrity: rule({ max_surveys_per_number: count.default(3) }),
    score_divergence: rule({
      min_rank_gap: share.default(0.6),
      min_surveys: count.default(10),
      min_audits: count.default(2),
      /** Ranks among fewer agents mean little. */
      min_agents: count.default(5),
      /** Audits are few (a handful per agent a month), so the window is long. */
      window_days: count.default(90),
    }),
    caller_id_spoof: rule({ min_digits: count.default(5), max_digits: count.default(15) }),
    robocall_burst: rule({
      min_calls: count.default(10),
      window_minutes: count.default(10),
      max_duration_s: positive.default(20),
      min_sequential_run: count.default(5),
    }),
    data_quality: rule({
      max_missing_contact_share: share.default(0.2),
      min_calls: count.default(10),
      /** Speech may run this far past the connected time before a segment counts as beyond the call. */
      segment_tolerance_ms: z.number().int().min(0).default(1000),
      /** A call longer than this from start to end is an impossible duration. */
      max_call_hours: positive.default(24),
    }),
    hangup_first: rule({
      z_threshold: positive.default(3.5),
      min_calls: count.default(30),
      min_peers: count.default(5),
    }),
    auditor_drift: rule({
      max_bias: positive.default(10),
      min_groups: count.default(3),
      window_days: count.default(90),
    }),
    outside_hours: rule({}),
  })
  .prefault({});

export type AnomalySettings = z.infer<typeof anomalySettingsSchema>;
export type RuleName = keyof AnomalySettings;
