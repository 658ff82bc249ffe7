/**
 * Headline figures: the day's value, its target (met or missed, from the config) and its
 * changes like for like: vs the day before, vs the same weekday a week before and vs the
 * mean of the same weekday over the four weeks before. A change whose comparison figure lies
 * inside the 95% interval of the day's own figure (src/reports/noise-band.ts) is shown as
 * within noise, neither good nor bad. The query gives one row per measure (measure, value,
 * change_prev, change_week, change_4w, weeks_4w, n, spread), computed in SQL from the marts;
 * this lays them out and judges them.
 */
import type { Config } from '../config/config-schema.ts';
import { html, type Html } from './html.ts';
import type { Kpi, KpisItem } from './report-layout.ts';
import type { Translator } from './i18n.ts';
import { formatChange, formatValue } from './format-value.ts';
import type { QueryResults } from './run-report-queries.ts';
import type { ReportRow } from './mask-personal-data.ts';
import { dayInterval, inside, type Interval } from './noise-band.ts';
import { meetsTarget, targetOf } from './settings-text.ts';

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The weekday of a YYYY-MM-DD day, 0 = Sunday. */
function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export type ChangeTone = 'good' | 'bad' | 'flat' | 'noise';

/** How a change reads: news in the good or bad direction, no news, or inside the day's noise band. */
export function changeTone(
  kpi: Kpi,
  value: number | null,
  change: number | null,
  interval: Interval | null,
  shownAsZero: boolean,
): ChangeTone {
  if (value === null || change === null || shownAsZero) return 'flat';
  if (inside(interval, value - change)) return 'noise';
  if (kpi.better === 'none') return 'flat';
  return change > 0 === (kpi.better === 'up') ? 'good' : 'bad';
}

export function renderKpis(item: KpisItem, results: QueryResults, tr: Translator, config: Config, day: string): Html {
  const byMeasure = new Map((results[item.query]?.rows ?? []).map((row) => [String(row.measure), row]));
  const weekdayName = tr.t(`weekday.${weekday(day)}`);
  const tiles = item.measures.map((kpi) => renderTile(kpi, byMeasure.get(kpi.name) ?? {}, tr, config, weekdayName));
  return html`<div class="kpis">${tiles}</div>`;
}

function renderTile(kpi: Kpi, row: ReportRow, tr: Translator, config: Config, weekdayName: string): Html {
  const value = num(row.value);
  const interval = value === null ? null : dayInterval(kpi.noise, value, num(row.n), num(row.spread));
  const band = interval
    ? tr.t('kpi.band', { lo: formatValue(interval[0], kpi.format, tr), hi: formatValue(interval[1], kpi.format, tr) })
    : '';
  const change = (field: string, label: string, vars: Record<string, string | number> = {}) => {
    const delta = num(row[field]);
    const text = formatChange(delta, kpi.format, tr);
    // A change that rounds to zero on the page is no news, whatever its sign.
    const tone = changeTone(kpi, value, delta, interval, !/[1-9]/.test(text));
    const noise = tone === 'noise' ? html` <i title="${band}">${tr.t('kpi.in_noise')}</i>` : html``;
    return html`<div class="kpi-change ${tone}"><span>${tr.t(label, vars)}</span> <b>${text}</b>${noise}</div>`;
  };
  const target = targetOf(kpi.name, kpi.format, config, tr);
  const status = target && value !== null ? (meetsTarget(value, target) ? 'met' : 'missed') : null;
  const targetLine = target
    ? html`<div class="kpi-target${status ? ` ${status}` : ''}"><span>${tr.t('kpi.target')}</span> <b>${target.text}</b>${status ? html` · ${tr.t(`kpi.${status}`)}` : html``}</div>`
    : html``;
  const weeks = num(row.weeks_4w) ?? 0;
  // No whitespace before the label: the tile's text starts with it.
  return html`<div class="kpi${status ? ` ${status}` : ''}" data-measure="${kpi.name}"><div class="kpi-label">${tr.t(`measure.${kpi.name}`)}</div>
<div class="kpi-value"${band ? html` title="${band}"` : html``}>${formatValue(row.value, kpi.format, tr)}</div>
${targetLine}
${change('change_prev', 'kpi.vs_prev')}
${change('change_week', 'kpi.vs_week', { weekday: weekdayName })}
${change('change_4w', 'kpi.vs_4w', { weekday: weekdayName, weeks })}
</div>`;
}
