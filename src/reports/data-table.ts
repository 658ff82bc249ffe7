/**
 * An HTML table of a query's rows. The full table is in the page, so it reads without
 * JavaScript; with it, report.js sorts on header clicks (sortable cells carry their raw
 * value in data-v), filters rows by the lists above the table (hidden without JS), downloads
 * the shown rows as CSV (each row carries its CSV line) and, for a review sheet, the shown
 * rows with the verdicts and notes filled in on the page. A row's detail (its explanation in
 * full, its review controls, its evidence) is a second row across the table, moved and hidden
 * with its row.
 */
import { html, type Html } from './html.ts';
import { nestedFields, type Column, type Format, type TableItem, FORMATS, isNumeric } from './report-layout.ts';
import type { Translator } from './i18n.ts';
import { formatValue } from './format-value.ts';
import { fillTemplate } from './row-template.ts';
import { sparkline, type SparkPoint } from './sparkline.ts';
import type { ReportRow } from './mask-personal-data.ts';
import type { QueryResults } from './run-report-queries.ts';
import { csvLine } from './rows-to-csv.ts';
import { renderEvidence } from './case-evidence.ts';
import { renderReviewControls, renderSheetTools } from './review-sheet-controls.ts';

/** The column's label: its own key, else `col.<field>`, else the measure's label `measure.<field>`. */
export function columnLabel(column: Column, tr: Translator): string {
  if (column.label) return tr.t(column.label);
  const own = `col.${column.field}`;
  return tr.t(tr.has(own) ? own : `measure.${column.field}`);
}

interface Formatting {
  format: Format;
  labels?: string | undefined;
  unit?: string | undefined;
}

/** The format of a value in this row: the unit its row names, else the column's format. */
function formatOf(spec: Formatting, row: ReportRow): Format {
  const unit = spec.unit ? row[spec.unit] : undefined;
  return typeof unit === 'string' && (FORMATS as readonly string[]).includes(unit) ? (unit as Format) : spec.format;
}

/** A value's text in its format, a label filled with the row's `vars` object when the column has them. */
function cellText(column: Column, row: ReportRow, tr: Translator): string {
  const value = row[column.field];
  const key = `${column.labels}.${String(value)}`;
  if (column.format === 'label' && column.vars && tr.has(key)) return tr.t(key, varsOf(row[column.vars]));
  return formatValue(value, formatOf(column, row), tr, column.labels);
}

function varsOf(value: unknown): Record<string, string> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
}

export function renderTable(item: TableItem, results: QueryResults, tr: Translator): Html {
  const result = results[item.query];
  const rows = result?.rows ?? [];
  if (rows.length === 0) return html`<p class="empty">${tr.t('table.empty')}</p>`;
  // The main text of each cell: what filters match and what the sort of text columns uses.
  const texts = rows.map((row) => item.columns.map((c) => cellText(c, row, tr)));
  const filters = item.columns.flatMap((column, i) => (column.filter ? [renderFilter(column, i, texts, tr)] : []));
  const header = item.columns.map(
    (c) =>
      html`<th scope="col" data-sort="${c.sort_by || isNumeric(c.format) ? 'num' : 'text'}">${columnLabel(c, tr)}</th>`,
  );
  const csvColumns = item.csv ? (result?.columns ?? []).filter((c) => !nestedFields(item).has(c)) : [];
  const width = header.length;
  const body = rows.map((row, r) => {
    const id = item.row_id ? fillTemplate(item.row_id, row) : undefined;
    const cells = item.columns.map((c, i) => renderCell(c, row, texts[r]![i]!, tr));
    const data = [
      item.csv ? html` data-csv="${csvLine(csvColumns.map((c) => row[c]))}"` : html``,
      item.sheet ? html` data-sheet="${csvLine(item.sheet.fields.map((f) => row[f]))}"` : html``,
    ];
    const main = html`<tr${id ? html` id="${id}"` : html``}${data}>${cells}</tr>`;
    return item.detail || item.sheet ? html`${main}\n${renderDetail(item, row, width, tr)}` : main;
  });
  const tools = html`${filters.length > 0 ? html`<div class="filters" hidden>${filters}<span class="row-count" aria-live="polite" data-template="${tr.t('table.shown')}"></span></div>` : html``}
${item.sheet ? renderSheetTools(item.sheet, tr) : html``}`;
  return html`<div class="table-block" data-table="${item.id}"${item.csv ? html` data-csv-header="${csvLine(csvColumns)}"` : html``}>
${tools}
<div class="table-scroll"><p class="scroll-hint" aria-hidden="true">${tr.t('table.scroll_hint')}</p><table class="data-table" id="table-${item.id}">
<thead><tr>${header}</tr></thead>
<tbody>
${body.map((line) => html`${line}\n`)}</tbody>
</table></div>
<p class="table-total">${tr.t('table.rows', { n: rows.length })}</p>
</div>`;
}

function renderCell(column: Column, row: ReportRow, text: string, tr: Translator): Html {
  const value = row[column.field];
  if (column.format === 'sparkline') {
    const points = Array.isArray(value) ? (value as SparkPoint[]) : [];
    return html`<td class="spark-cell">${sparkline(points, tr.t('spark.label'))}</td>`;
  }
  const main =
    column.link && value !== null && value !== undefined
      ? html`<a href="${fillTemplate(column.link, row)}">${text}</a>`
      : html`${text}`;
  const sub = column.sub ? subText(column.sub, row, tr) : undefined;
  const content = sub ? html`${main}<span class="sub">${sub}</span>` : main;
  const numeric = isNumeric(formatOf(column, row));
  const classes = [
    numeric ? 'num' : '',
    column.format === 'date' ? 'nowrap' : '',
    column.wide ? 'wide' : '',
    column.mark && row[column.mark] === true ? 'marked' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const key = column.sort_by ? row[column.sort_by] : numeric ? value : undefined;
  const sortValue = typeof key === 'number' ? html` data-v="${key}"` : html``;
  return html`<td${classes ? html` class="${classes}"` : html``}${sortValue}>${content}</td>`;
}

/** The sub-values' text, or nothing when every one of them is missing. */
function subText(sub: NonNullable<Column['sub']>, row: ReportRow, tr: Translator): string | undefined {
  const fields = Object.values(sub.fields);
  if (fields.every(({ field }) => row[field] === null || row[field] === undefined)) return undefined;
  const vars = Object.fromEntries(
    Object.entries(sub.fields).map(([name, spec]) => [
      name,
      formatValue(row[spec.field], formatOf(spec, row), tr, spec.labels),
    ]),
  );
  return tr.t(sub.text, vars);
}

/** The row's detail across the table: its text in full, its review controls, its evidence records. */
function renderDetail(item: TableItem, row: ReportRow, width: number, tr: Translator): Html {
  const { detail = {}, sheet } = item;
  const text = detail.text ? row[detail.text] : undefined;
  const paragraph =
    typeof text === 'string' && text !== ''
      ? html`<p class="detail-text"><b>${tr.t(`col.${detail.text}`)}</b> ${text}</p>`
      : html``;
  const records = detail.evidence ? ((row[detail.evidence] as ReportRow[] | null) ?? []) : [];
  const total = detail.evidence_total ? Number(row[detail.evidence_total] ?? 0) : records.length;
  const evidence = detail.evidence ? renderEvidence(records, total, tr) : html``;
  return html`<tr class="detail"><td colspan="${width}">${paragraph}${sheet ? renderReviewControls(tr) : html``}${evidence}</td></tr>`;
}

function renderFilter(column: Column, index: number, texts: string[][], tr: Translator): Html {
  const values = [...new Set(texts.map((cells) => cells[index]!))].sort();
  const options = values.map((v) => html`<option value="${v}">${v}</option>`);
  return html`<label>${columnLabel(column, tr)} <select data-col="${index}"><option value="">${tr.t('table.all')}</option>${options}</select></label>`;
}
