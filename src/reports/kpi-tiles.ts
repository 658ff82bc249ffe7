/**
 * Headline figures: the day's value with its change vs the previous day and vs the 28-day
 * average. The query gives one row per measure (measure, value, change_prev, avg_28d,
 * change_avg), all computed in SQL from the marts; this only lays them out.
 */
import { html, type Html } from './html.ts';
import type { KpisItem } from './report-layout.ts';
import type { Translator } from './i18n.ts';
import { formatChange, formatValue } from './format-value.ts';
import type { QueryResults } from './run-report-queries.ts';

export function renderKpis(item: KpisItem, results: QueryResults, tr: Translator): Html {
  const byMeasure = new Map((results[item.query]?.rows ?? []).map((row) => [String(row.measure), row]));
  const tiles = item.measures.map((kpi) => {
    const row = byMeasure.get(kpi.name) ?? {};
    const change = (field: string, label: string) => {
      const value = row[field];
      const text = formatChange(value, kpi.format, tr);
      // A change that rounds to zero on the page is no news, whatever its sign.
      const shownAsZero = !/[1-9]/.test(text);
      const tone =
        typeof value !== 'number' || shownAsZero || kpi.better === 'none' ? 'flat' : (value > 0) === (kpi.better === 'up') ? 'good' : 'bad';
      return html`<div class="kpi-change ${tone}"><span>${tr.t(label)}</span> <b>${text}</b></div>`;
    };
    return html`<div class="kpi" data-measure="${kpi.name}">
<div class="kpi-label">${tr.t(`measure.${kpi.name}`)}</div>
<div class="kpi-value">${formatValue(row.value, kpi.format, tr)}</div>
${change('change_prev', 'kpi.vs_prev')}
${change('change_avg', 'kpi.vs_avg')}
<div class="kpi-avg">${tr.t('kpi.avg_28d')} ${formatValue(row.avg_28d, kpi.format, tr)}</div>
</div>`;
  });
  return html`<div class="kpis">${tiles}</div>`;
}
