/**
 * The configuration contract: every key, its default and its allowed values. What the keys
 * mean: docs/metrics.md#settings-the-measures-use, docs/anomaly-rules.md#settings and
 * docs/audit-desk.md#configuration.
 * An unknown key or a bad value is an error that names the key.
 */
import { z } from 'zod';
import { anomalySettingsSchema } from './anomaly-settings.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time as HH:MM');
const seconds = z.number().min(0);
const hours = z.number().positive();
const ianaZone = z.string().refine(isValidTimeZone, 'expected an IANA time zone such as Asia/Shanghai');
const phoneList = z.array(z.string().regex(/^\+?\d+$/, 'expected digits only'));
const share = z.number().min(0).max(1);

/**
 * A queue's own targets for the queue measures, each replacing the centre's for that queue
 * in the nightly queue table. Service level's seconds stay answer_target_s: the measure is
 * computed at that one threshold.
 */
const queueTargets = z.strictObject({
  service_level: z.strictObject({ share, within_s: seconds.optional() }).optional(),
  asa_s: seconds.optional(),
  abandon_rate: share.optional(),
  aht_s: seconds.optional(),
});
export type QueueTargets = z.infer<typeof queueTargets>;

export const configSchema = z
  .strictObject({
    timezone: ianaZone.default('UTC'),
    short_abandon_s: seconds.default(5),
    answer_target_s: seconds.default(15),
    repeat_window_days: z.number().int().min(1).default(7),
    talk_ratio_band: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .refine(([lo, hi]) => lo < hi, 'the band must be [low, high] with low < high')
      .default([0.3, 0.45]),
    max_reject_share: z.number().min(0).max(1).default(0.01),
    window_days: z.number().int().min(1).default(28),
    // The nightly report's intraday section: the report day by local interval of this many minutes.
    interval_minutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
    short_sale_s: seconds.default(60),
    sla_h: z.strictObject({ high: hours.default(24), medium: hours.default(48), low: hours.default(72) }).prefault({}),
    calling_window: z
      .strictObject({ start: hhmm.default('08:00'), end: hhmm.default('21:00') })
      .refine(({ start, end }) => start < end, 'calling_window.start must be before calling_window.end')
      .prefault({}),
    protected_numbers: phoneList.default([
      '110',
      '119',
      '120',
      '122',
      '10000',
      '10010',
      '10086',
      '95533',
      '95588',
      '95599',
    ]),
    centre_numbers: phoneList.default([]),
    // What each headline measure should be (docs/reports.md#kpi-tiles): a tile is coloured met
    // or missed against it. Service level is "share within seconds"; its seconds are
    // answer_target_s (the threshold the measure is computed at), so within_s, if given,
    // must equal it. aht_s and conversion_rate have no default: without one the tile shows
    // no target. queues: per-queue targets by queue name, for the queue table.
    targets: z
      .strictObject({
        csat_mean: z.number().min(1).max(5).default(4.2),
        audit_score: z.number().min(0).max(100).default(80),
        service_level: z.strictObject({ share: share.default(0.8), within_s: seconds.optional() }).prefault({}),
        asa_s: seconds.default(20),
        abandon_rate: share.default(0.05),
        aht_s: seconds.optional(),
        conversion_rate: share.optional(),
        queues: z.record(z.string().min(1), queueTargets).optional(),
      })
      .prefault({}),
    // The currency of sale amounts (ISO 4217 code), shown on every revenue figure.
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as CNY')
      .default('CNY'),
    // DuckDB's memory limit (its own syntax: '4GB', '800MB'); past it, large sorts, joins and
    // aggregates spill to temp_directory instead of growing. Measured with npm run bench on a
    // 10M-call history (190M segments): the load peaks at 4.5 GB (1.6x a raw read of the same
    // files), the full compute at 5.4 GB; at '6GB' they peaked at 6.2 GB (2.3x) and 6.8 GB.
    memory_limit: z
      .string()
      .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, "expected a size such as '4GB' or '800MB'")
      .default('4GB'),
    // Where DuckDB spills (default: beside the database, `<db>.tmp`).
    temp_directory: z.string().min(1).optional(),
    sources: z
      .strictObject({
        // Asterisk CDR: which dialplan contexts a call starts in say its direction, and
        // which peer names are agents' extensions (FreePBX's conventions by default; the
        // queue_log's agent ids are checked against the same extension_pattern).
        asterisk: z
          .strictObject({
            inbound_contexts: z.array(z.string().min(1)).default(['from-pstn', 'from-trunk', 'from-did-direct']),
            outbound_contexts: z.array(z.string().min(1)).default(['from-internal']),
            extension_pattern: z.string().refine(isValidRegex, 'expected a regular expression').default('^[0-9]{2,6}$'),
            // queue_log members by the name the log writes (a membername such as a person's
            // name, or an interface) → agent id, where the channel rule gives none.
            member_agents: z.record(z.string().min(1), z.string().min(1)).default({}),
          })
          .prefault({}),
      })
      .prefault({}),
    anomalies: anomalySettingsSchema,
    // The audit desk (docs/audit-desk.md). Findings of one rule and subject no more than
    // case_gap_days apart are one episode (1: consecutive days); a later episode within
    // case_reopen_days of the case's last day reopens the case instead of raising a new one.
    case_gap_days: z.number().int().min(1).default(1),
    case_reopen_days: z.number().int().min(1).default(28),
    // Deadlines from the desk's verdict: a confirmed case is to be actioned within
    // action_due_days (a penalty within a week), a reward given within reward_due_days.
    action_due_days: z.number().int().min(0).default(7),
    reward_due_days: z.number().int().min(0).default(2),
    // A dismissed case holds back the same rule and subject's next findings for snooze_days,
    // unless one is worse: a higher severity, or a |score| more than snooze_margin (0.25:
    // 25%) above the dismissed case's peak.
    snooze_days: z.number().int().min(0).default(14),
    snooze_margin: z.number().min(0).default(0.25),
    // The recognition list: agents ranked 1 to recognition_top in the trainer ranking are
    // raised as reward cases (0: none).
    recognition_top: z.number().int().min(0).default(3),
  })
  .refine((config) => config.case_reopen_days >= config.case_gap_days, {
    message: 'case_reopen_days must be at least case_gap_days',
    path: ['case_reopen_days'],
  })
  .superRefine((config, ctx) => {
    const levels: [string[], { within_s?: number | undefined } | undefined][] = [
      [['targets'], config.targets.service_level],
      ...Object.entries(config.targets.queues ?? {}).map(
        ([queue, targets]): [string[], typeof targets.service_level] => [
          ['targets', 'queues', queue],
          targets.service_level,
        ],
      ),
    ];
    for (const [at, level] of levels) {
      if (level?.within_s === undefined || level.within_s === config.answer_target_s) continue;
      ctx.addIssue({
        code: 'custom',
        message: `${[...at, 'service_level', 'within_s'].join('.')} must equal answer_target_s (the threshold service level is computed at)`,
        path: [...at, 'service_level', 'within_s'],
      });
    }
  })
  .prefault({});

export type Config = z.infer<typeof configSchema>;

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
