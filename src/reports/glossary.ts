/**
 * The glossary closing every report: each measure the report shows, with its definition
 * and unit, taken from the one source of definitions (src/metrics/measures.ts). A measure
 * is "shown" when a report query returns a column of that name or a KPI names it, give or
 * take the layout's `glossary` corrections.
 */
import { MEASURES } from '../metrics/measures.ts';
import { html, type Html } from './html.ts';
import type { ReportLayout } from './report-layout.ts';
import type { Translator } from './i18n.ts';
import type { QueryResults } from './run-report-queries.ts';
import type { Config } from '../config/config-schema.ts';
import type { Format } from './report-layout.ts';
import { targetOf, withSettings } from './settings-text.ts';

export function shownMeasures(layout: ReportLayout, results: QueryResults): string[] {
  const names = new Set<string>();
  for (const result of Object.values(results)) for (const c of result.columns) names.add(c);
  for (const section of layout.sections) {
    for (const item of section.items) if (item.type === 'kpis') for (const m of item.measures) names.add(m.name);
  }
  for (const n of layout.glossary.omit) names.delete(n);
  for (const n of layout.glossary.add) names.add(n);
  return MEASURES.filter((m) => names.has(m.name)).map((m) => m.name);
}

/** How a measure's target reads in the glossary, by the measure's unit. */
const UNIT_FORMAT: Record<string, Format> = {
  share: 'share',
  seconds: 'seconds',
  count: 'count',
  currency: 'currency',
  'points (0–100)': 'score',
};

export function renderGlossary(names: string[], tr: Translator, config: Config): Html {
  const byName = new Map(MEASURES.map((m) => [m.name, m]));
  const entries = names.map((name) => {
    const measure = byName.get(name)!;
    const unitText = tr.has(`unit.${measure.unit}`) ? tr.t(`unit.${measure.unit}`) : measure.unit;
    const unit = measure.unit === 'currency' ? `${unitText} (${config.currency})` : unitText;
    const label = tr.has(`measure.${name}`) ? tr.t(`measure.${name}`) : name;
    // Definitions with the values of the settings in use, and the target where there is one.
    const target = targetOf(name, UNIT_FORMAT[measure.unit] ?? 'decimal2', config, tr);
    const definition = withSettings(tr.lang === 'zh-CN' ? measure.zh : measure.en, config, tr);
    const targetText = target ? ` ${tr.t('glossary.target', { target: target.text })}` : '';
    return html`<tr><th scope="row">${label}<code>${name}</code></th><td>${definition}${targetText}</td><td>${unit}</td></tr>`;
  });
  return html`<section id="glossary" class="glossary"><h2>${tr.t('glossary.title')}</h2>
<table><thead><tr><th scope="col">${tr.t('glossary.measure')}</th><th scope="col">${tr.t('glossary.definition')}</th><th scope="col">${tr.t('glossary.unit')}</th></tr></thead>
<tbody>${entries}</tbody></table></section>`;
}
