/**
 * The settings a report was computed under, as the reader sees them: definitions name the
 * values ("answered within 15 s"), not the config keys, and each headline measure with a
 * target says what it is ("≥ 4.20", "80% within 15 s") and whether the day met it.
 */
import type { Config } from '../config/config-schema.ts';
import type { Format } from './report-layout.ts';
import type { Translator } from './i18n.ts';
import { formatValue } from './format-value.ts';

/** Which side of its target a measure should be on. */
const TARGET_SIDE: Record<string, 'at_least' | 'at_most'> = {
  service_level: 'at_least',
  conversion_rate: 'at_least',
  csat_mean: 'at_least',
  audit_score: 'at_least',
  asa_s: 'at_most',
  abandon_rate: 'at_most',
  aht_s: 'at_most',
};

export interface Target {
  value: number;
  side: 'at_least' | 'at_most';
  /** How the target reads: "≥ 4.20", "80.0% within 15 s". */
  text: string;
}

/** The measure's target from the config, or null when it has none. */
export function targetOf(measure: string, format: Format, config: Config, tr: Translator): Target | null {
  const side = TARGET_SIDE[measure];
  if (!side) return null;
  if (measure === 'service_level') {
    const share = config.targets.service_level.share;
    return {
      value: share,
      side,
      text: tr.t('target.service_level', { share: formatValue(share, 'share', tr), s: config.answer_target_s }),
    };
  }
  const value = (config.targets as Record<string, unknown>)[measure];
  if (typeof value !== 'number') return null;
  return { value, side, text: `${side === 'at_least' ? '≥' : '≤'} ${formatValue(value, format, tr)}` };
}

export function meetsTarget(value: number, target: Target): boolean {
  return target.side === 'at_least' ? value >= target.value : value <= target.value;
}

/** The settings a label may name as {placeholder} (notes, intros): their values as shown. */
export function settingVars(config: Config): Record<string, string | number> {
  const vars: Record<string, string | number> = { currency: config.currency };
  for (const [key, value] of Object.entries(config)) if (typeof value === 'number') vars[key] = value;
  return vars;
}

/**
 * A definition with the config keys it names replaced by their values and units:
 * "answered within answer_target_s seconds" -> "answered within 15 s".
 */
export function withSettings(text: string, config: Config, tr: Translator): string {
  const zh = tr.lang === 'zh-CN';
  let out = text.replace(/\btalk_ratio_band\b/g, () =>
    config.talk_ratio_band.map((v) => formatValue(v, 'share', tr)).join('–'),
  );
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'number') continue;
    const unit = key.endsWith('_days')
      ? zh
        ? '天'
        : value === 1
          ? 'day'
          : 'days'
      : key.endsWith('_s')
        ? zh
          ? '秒'
          : 's'
        : null;
    if (!unit) continue;
    // The key with the unit word the definition gives it, if any ("answer_target_s seconds", "repeat_window_days 天").
    const pattern = new RegExp(`\\b${key}\\b(?:\\s*(?:seconds|days|秒|天))?`, 'g');
    out = out.replace(pattern, `${value} ${unit}`);
  }
  return out;
}
