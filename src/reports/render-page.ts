/**
 * One report page from its layout and query results: header and navigation, the sections
 * with their KPI tiles, charts (static SVG + the spec for vega-embed) and tables, the
 * glossary, and a footer whose generated-at line is the only thing that changes on a re-run.
 */
import { html, jsonForScript, trusted, type Html } from './html.ts';
import type { Config } from '../config/config-schema.ts';
import type { ChartItem, LayoutItem, ReportLayout } from './report-layout.ts';
import type { Translator } from './i18n.ts';
import type { QueryResults } from './run-report-queries.ts';
import type { RenderedChart } from './render-chart.ts';
import { renderKpis } from './kpi-tiles.ts';
import { renderTable } from './data-table.ts';
import { renderGlossary, shownMeasures } from './glossary.ts';
import { renderShell } from './page-shell.ts';
import { settingVars } from './settings-text.ts';

export interface PageInput {
  layout: ReportLayout;
  /** Every report of the day, for the navigation between them. */
  layouts: ReportLayout[];
  results: QueryResults;
  charts: Map<string, RenderedChart>;
  tr: Translator;
  day: string;
  timezone: string;
  /** The settings the data was computed under: targets, and the values definitions and notes name. */
  config: Config;
  showPersonalData: boolean;
  generatedAt: Date;
}

export function renderPage(input: PageInput): string {
  const { layout, layouts, tr, day } = input;
  const title = tr.t(layout.title);
  const nav = layouts.map((other) =>
    other.file === layout.file
      ? html`<a href="${other.file}" aria-current="page">${tr.t(other.title)}</a>`
      : html`<a href="${other.file}">${tr.t(other.title)}</a>`,
  );
  const sections = layout.sections.map(
    (section) => html`<section class="report-section" id="${section.id}">
<h2>${tr.t(section.title)}</h2>
${section.intro ? html`<p class="intro">${tr.t(section.intro, settingVars(input.config))}</p>` : html``}
<div class="items">
${section.items.map((item) => html`${renderItem(item, input)}\n`)}</div>
</section>
`,
  );
  const privacy = tr.t(input.showPersonalData ? 'page.personal_shown' : 'page.personal_masked');
  const body = html`<header class="page-head">
<h1>${title}</h1>
<p>${tr.t('page.subtitle', { day, timezone: input.timezone })} · ${tr.t(layout.audience)}</p>
<p class="privacy">${privacy}</p>
<nav class="report-nav">${nav}</nav>
</header>
<main>
${sections}</main>
${renderGlossary(shownMeasures(layout, input.results), tr, input.config)}
<footer>
<p>${tr.t('page.footer')}</p>
<p class="generated">${tr.t('page.generated_at', { at: input.generatedAt.toISOString() })}</p>
</footer>`;
  const dataScripts = [...input.charts.entries()].map(
    ([id, chart]) =>
      html`<script type="application/json" id="chart-${id}-spec">${trusted(jsonForScript(chart.spec))}</script>\n`,
  );
  return renderShell({ lang: tr.lang, title: `${title} · ${day}`, body, dataScripts: html`${dataScripts}` });
}

function renderItem(item: LayoutItem, input: PageInput): Html {
  const { tr, results } = input;
  switch (item.type) {
    case 'kpis':
      return html`<div class="item-block wide">${renderKpis(item, results, tr, input.config, input.day)}</div>`;
    case 'note':
      return html`<p class="note item-block wide">${tr.t(item.text)}</p>`;
    case 'table':
      return html`<div class="item-block wide"><h3>${tr.t(item.title)}</h3>
${item.note ? html`<p class="note">${tr.t(item.note, settingVars(input.config))}</p>` : html``}
${item.csv ? html`<p class="note csv-link"><a href="${item.csv}" download data-download="csv">${tr.t('table.csv', { file: item.csv })}</a></p>` : html``}
${renderTable(item, results, tr)}</div>`;
    case 'chart':
      return renderChartItem(item, input);
  }
}

function renderChartItem(item: ChartItem, { charts, tr }: PageInput): Html {
  const chart = charts.get(item.id);
  const content = chart
    ? html`<div class="chart-static">${trusted(chart.svg)}</div><div class="chart-live" hidden></div>`
    : html`<p class="empty">${tr.t('chart.empty')}</p>`;
  return html`<div class="item-block"><figure class="chart"${chart ? html` data-chart="chart-${item.id}"` : html``} id="fig-${item.id}">
<h3>${tr.t(item.title)}</h3>
${content}
${
  item.note || item.hint
    ? html`<figcaption class="note">${item.note ? tr.t(item.note) : ''}${item.hint ? html` <span class="hover-hint">${tr.t(item.hint)}</span>` : html``}</figcaption>`
    : html``
}
</figure></div>`;
}
