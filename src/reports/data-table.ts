/**
 * An HTML table of a query's rows. The full table is in the page, so it reads without
 * JavaScript; with it, report.js sorts on header clicks (numeric cells carry their raw
 * value in data-v) and filters rows by the lists above the table (hidden without JS).
 */
import { html, type Html } from './html.ts';
import type { Column, TableItem } from './report-layout.ts';
import type { Translator } from './i18n.ts';
import { formatValue } from './format-value.ts';
import { fillTemplate } from './row-template.ts';
import { sparkline, type SparkPoint } from './sparkline.ts';
import type { ReportRow } from './mask-personal-data.ts';
import type { QueryResults } from './run-report-queries.ts';

/** Evidence ids shown before the rest fold away. */
const IDS_SHOWN = 3;

const NUMERIC = new Set(['count', 'share', 'decimal1', 'decimal2', 'seconds', 'hours', 'score', 'currency']);

/** The column's label: its own key, else `col.<field>`, else the measure's label `measure.<field>`. */
export function columnLabel(column: Column, tr: Translator): string {
  if (column.label) return tr.t(column.label);
  const own = `col.${column.field}`;
  return tr.t(tr.has(own) ? own : `measure.${column.field}`);
}

export function renderTable(item: TableItem, results: QueryResults, tr: Translator): Html {
  const rows = results[item.query]?.rows ?? [];
  if (rows.length === 0) return html`<p class="empty">${tr.t('table.empty')}</p>`;
  const series = seriesByKey(item.columns, results);
  // The main text of each cell: what filters match and what the sort of text columns uses.
  const cellText = rows.map((row) => item.columns.map((c) => formatValue(row[c.field], c.format, tr, c.labels)));
  const filters = item.columns.flatMap((column, i) => (column.filter ? [renderFilter(column, i, cellText, tr)] : []));
  const header = item.columns.map(
    (c) => html`<th scope="col" data-sort="${NUMERIC.has(c.format) ? 'num' : 'text'}">${columnLabel(c, tr)}</th>`,
  );
  const body = rows.map((row, r) => {
    const id = item.row_id ? fillTemplate(item.row_id, row) : undefined;
    const cells = item.columns.map((c, i) => renderCell(c, row, cellText[r]![i]!, series, tr));
    return html`<tr${id ? html` id="${id}"` : html``}>${cells}</tr>`;
  });
  return html`<div class="table-block" data-table="${item.id}">
${filters.length > 0 ? html`<div class="filters" hidden>${filters}<span class="row-count" aria-live="polite" data-template="${tr.t('table.shown')}"></span></div>` : html``}
<div class="table-scroll"><table class="data-table" id="table-${item.id}">
<thead><tr>${header}</tr></thead>
<tbody>
${body.map((line) => html`${line}\n`)}</tbody>
</table></div>
<p class="table-total">${tr.t('table.rows', { n: rows.length })}</p>
</div>`;
}

function renderCell(column: Column, row: ReportRow, text: string, series: Map<string, Map<string, SparkPoint[]>>, tr: Translator): Html {
  const value = row[column.field];
  if (column.format === 'sparkline') {
    const points = series.get(column.field)?.get(String(value)) ?? [];
    return html`<td class="spark-cell">${sparkline(points, tr.t('spark.label'))}</td>`;
  }
  if (column.format === 'ids' && Array.isArray(value) && value.length > IDS_SHOWN) {
    // A long evidence list folds away (natively, without JS) behind its first ids and its count.
    const summary = tr.t('ids.more', { ids: value.slice(0, IDS_SHOWN).join(', '), n: value.length });
    return html`<td class="ids"><details><summary>${summary}</summary>${text}</details></td>`;
  }
  const main = column.link && value !== null && value !== undefined ? html`<a href="${fillTemplate(column.link, row)}">${text}</a>` : html`${text}`;
  const sub = column.sub ? subText(column.sub, row, tr) : undefined;
  const content = sub ? html`${main}<span class="sub">${sub}</span>` : main;
  const classes = [
    NUMERIC.has(column.format) ? 'num' : '',
    column.format === 'date' ? 'nowrap' : '',
    column.wide ? 'wide' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const sortValue = NUMERIC.has(column.format) && typeof value === 'number' ? html` data-v="${value}"` : html``;
  return html`<td${classes ? html` class="${classes}"` : html``}${sortValue}>${content}</td>`;
}

/** The sub-values' text, or nothing when every one of them is missing. */
function subText(sub: NonNullable<Column['sub']>, row: ReportRow, tr: Translator): string | undefined {
  const fields = Object.values(sub.fields);
  if (fields.every(({ field }) => row[field] === null || row[field] === undefined)) return undefined;
  const vars = Object.fromEntries(
    Object.entries(sub.fields).map(([name, { field, format }]) => [name, formatValue(row[field], format, tr)]),
  );
  return tr.t(sub.text, vars);
}

function renderFilter(column: Column, index: number, cellText: string[][], tr: Translator): Html {
  const values = [...new Set(cellText.map((cells) => cells[index]!))].sort();
  const options = values.map((v) => html`<option value="${v}">${v}</option>`);
  return html`<label>${columnLabel(column, tr)} <select data-col="${index}"><option value="">${tr.t('table.all')}</option>${options}</select></label>`;
}

/** For each sparkline column: key value -> its points, in the query's order. */
function seriesByKey(columns: Column[], results: QueryResults): Map<string, Map<string, SparkPoint[]>> {
  const byColumn = new Map<string, Map<string, SparkPoint[]>>();
  for (const column of columns) {
    if (!column.series) continue;
    const { query, x, y, mark } = column.series;
    const byKey = new Map<string, SparkPoint[]>();
    for (const row of results[query]?.rows ?? []) {
      const key = String(row[column.field]);
      const point = { x: String(row[x]), y: typeof row[y] === 'number' ? row[y] : null, marked: row[mark] === true };
      const points = byKey.get(key);
      if (points) points.push(point);
      else byKey.set(key, [point]);
    }
    byColumn.set(column.field, byKey);
  }
  return byColumn;
}
