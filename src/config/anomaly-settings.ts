/**
 * Settings of the marketing-audit rules (SPEC §4), one object per rule under
 * `anomalies.{rule}` in the config. Every rule can be switched off with `enabled: false`.
 */
import { z } from 'zod';

const rule = <T extends z.ZodRawShape>(shape: T) =>
  // Every key has a default, so an absent rule object means "all defaults".
  z.strictObject({ enabled: z.boolean().default(true), ...shape }).prefault({} as never);

const positive = z.number().positive();
const count = z.number().int().min(1);

export const anomalySettingsSchema = z
  .strictObject({
    metric_shift: rule({
      z_threshold: positive.default(3.5),
      baseline_days: count.default(28),
      min_baseline_days: count.default(10),
      min_calls: count.default(10),
    }),
    peer_outlier: rule({ z_threshold: positive.default(3.5), min_calls: count.default(30) }),
    short_sale: rule({}),
    complaint_after_sale: rule({ window_days: count.default(7) }),
    survey_integrity: rule({ max_surveys_per_number: count.default(3) }),
    score_divergence: rule({ min_rank_gap: z.number().min(0).max(1).default(0.6), min_surveys: count.default(10), min_audits: count.default(2) }),
    caller_id_spoof: rule({}),
    robocall_burst: rule({
      min_calls: count.default(10),
      window_minutes: count.default(10),
      max_duration_s: positive.default(20),
      min_sequential_run: count.default(5),
    }),
    data_quality: rule({ max_missing_contact_share: z.number().min(0).max(1).default(0.2), min_calls: count.default(10) }),
    hangup_first: rule({ z_threshold: positive.default(3.5), min_calls: count.default(30) }),
    auditor_drift: rule({ max_bias: positive.default(10), min_groups: count.default(3) }),
    outside_hours: rule({}),
  })
  .prefault({});

export type AnomalySettings = z.infer<typeof anomalySettingsSchema>;
export type RuleName = keyof AnomalySettings;
