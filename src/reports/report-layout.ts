/**
 * The shape of a report definition (reports/<report>.json): a title, the named queries it
 * reads (SQL files under queries/reports/, parameters bound), and sections of items bound to
 * those names. Adding a chart is adding a Vega-Lite spec and one item here; the renderer
 * does not change.
 */
import { z } from 'zod';

/**
 * How a table cell or KPI value is shown, and whether it is a number (right-aligned, sorted
 * as a number); formatting never changes the number read.
 */
const NUMERIC_BY_FORMAT = {
  text: false,
  label: false,
  count: true,
  share: true,
  decimal1: true,
  decimal2: true,
  seconds: true,
  hours: true,
  score: true,
  currency: true,
  date: false,
  // The field holds the points of a small line: a list of {x, y, marked} (src/reports/sparkline.ts).
  sparkline: false,
  // Units of anomaly values (src/anomalies/rule-catalogue.ts): audit or CSAT points, days,
  // a local time of day given in hours (21.5 = 21:30), digits of a number.
  points: true,
  days: true,
  clock: true,
  digits: true,
} as const;
export type Format = keyof typeof NUMERIC_BY_FORMAT;
export const FORMATS = Object.keys(NUMERIC_BY_FORMAT) as [Format, ...Format[]];

/** Whether values in this format are numbers. */
export function isNumeric(format: Format): boolean {
  return NUMERIC_BY_FORMAT[format];
}

const key = z.string().min(1);
const name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower_snake_case name');

/** How a value is formatted: its format, or a label, or the unit its row names. */
const formatting = {
  format: z.enum(FORMATS).default('text'),
  /** For format "label": the value is shown as the label `<labels>.<value>`. */
  labels: name.optional(),
  /** The field holding each row's unit (a format: share, seconds, count ...); `format` when it is empty. */
  unit: name.optional(),
};

const column = z.strictObject({
  field: name,
  /** Label key; default `col.<field>`, or `measure.<field>` for a measure. */
  label: key.optional(),
  ...formatting,
  /** For format "label": the field holding a JSON object whose entries fill the label's {placeholders}. */
  vars: name.optional(),
  /**
   * Smaller text under the value, e.g. the raw value and n beside a shrunk estimate:
   * the label `text` ("raw {raw} · n {n}") filled with the formatted fields.
   */
  sub: z.strictObject({ text: key, fields: z.record(name, z.strictObject({ field: name, ...formatting })) }).optional(),
  /** Sort on this field's number instead of the cell's text (severity by its rank, in every language). */
  sort_by: name.optional(),
  /** A boolean field: when true the cell is marked (an overdue deadline, a low precision). */
  mark: name.optional(),
  /** Long text (explanations): give the column room instead of squeezing it. */
  wide: z.boolean().default(false),
  /** Offer a filter (a list of the column's values) above the table. */
  filter: z.boolean().default(false),
  /** Make the cell a link: "anomalies.html#c-{case_id}" ({field} is URL-encoded). */
  link: z.string().optional(),
});
export type Column = z.infer<typeof column>;

const kpi = z.strictObject({
  name,
  format: z.enum(FORMATS),
  /** Which direction is good news, for the colour of the change. */
  better: z.enum(['up', 'down', 'none']).default('none'),
  /**
   * The 95% interval a change must leave to be news (src/reports/noise-band.ts): wilson for a
   * rate, poisson for a count, normal for a mean; none draws no band.
   */
  noise: z.enum(['wilson', 'poisson', 'normal', 'none']).default('none'),
});
export type Kpi = z.infer<typeof kpi>;

const kpisItem = z.strictObject({ type: z.literal('kpis'), query: name, measures: z.array(kpi).min(1) });
const chartItem = z.strictObject({
  type: z.literal('chart'),
  id: name,
  title: key,
  note: key.optional(),
  /** What hovering the chart shows: said on screen, left out of print (where nothing hovers). */
  hint: key.optional(),
  /** reports/<spec>, a Vega-Lite spec with named datasets. */
  spec: z.string().regex(/^[a-z0-9_/-]+\.vl\.json$/),
  /** Dataset name in the spec -> query name. */
  data: z.record(name, name),
  /** Categorical fields shown as labels: field -> label prefix (value v shows `<prefix>.<v>`). */
  labels: z.record(name, name).optional(),
});
const tableItem = z.strictObject({
  type: z.literal('table'),
  id: name,
  title: key,
  note: key.optional(),
  query: name,
  columns: z.array(column).min(1),
  /** Anchor of each row, e.g. "c-{case_id}", so other reports can link to it. */
  row_id: z.string().optional(),
  /**
   * Also write the (masked) rows as this CSV file next to the page. With JavaScript the
   * page's link downloads the rows its filters show instead.
   */
  csv: z
    .string()
    .regex(/^[a-z0-9_-]+\.csv$/)
    .optional(),
  /** A row under each row, across the table: text in full and the row's evidence records. */
  detail: z
    .strictObject({
      /** Long text (an explanation), labelled `col.<text>`. */
      text: name.optional(),
      /** The field holding the row's evidence records (a list of rows, at most a few dozen). */
      evidence: name.optional(),
      /** The field holding how many evidence records there are in all. */
      evidence_total: name.optional(),
    })
    .optional(),
  /**
   * A review sheet of the shown rows, with no server: each row's detail gets a verdict list
   * and a note field (with JavaScript), and the sheet (these fields, then verdict, note, by)
   * downloads as this file for `callq review --file`.
   */
  sheet: z.strictObject({ file: z.string().regex(/^[a-z0-9_-]+\.csv$/), fields: z.array(name).min(1) }).optional(),
});
const noteItem = z.strictObject({ type: z.literal('note'), text: key });

const item = z.discriminatedUnion('type', [kpisItem, chartItem, tableItem, noteItem]);
export type LayoutItem = z.infer<typeof item>;
export type ChartItem = z.infer<typeof chartItem>;
export type TableItem = z.infer<typeof tableItem>;
export type KpisItem = z.infer<typeof kpisItem>;

const section = z.strictObject({ id: name, title: key, intro: key.optional(), items: z.array(item).min(1) });
export type Section = z.infer<typeof section>;

export const layoutSchema = z.strictObject({
  /** Position in the navigation between the reports of a day. */
  order: z.number().int(),
  title: key,
  audience: key,
  /** Output file name in the day's folder. */
  file: z.string().regex(/^[a-z0-9_-]+\.html$/),
  /** Query name -> SQL file under queries/reports/. */
  queries: z.record(name, z.string().regex(/^[a-z0-9_/-]+\.sql$/)),
  sections: z.array(section).min(1),
  /**
   * The glossary lists every measure named by a query column or a KPI; `add` names measures
   * shown as values (e.g. backlog bands), `omit` names columns that only share a measure's
   * name (an anomaly's `score` is not an audit section score).
   */
  glossary: z.strictObject({ add: z.array(name).default([]), omit: z.array(name).default([]) }).prefault({}),
});
export type ReportLayout = z.infer<typeof layoutSchema> & { name: string };

/** Query names the layout's items use; each must be declared in `queries`. */
export function usedQueries(layout: ReportLayout): string[] {
  const names = new Set<string>();
  for (const s of layout.sections) {
    for (const it of s.items) {
      if (it.type === 'kpis') names.add(it.query);
      if (it.type === 'chart') for (const q of Object.values(it.data)) names.add(q);
      if (it.type === 'table') names.add(it.query);
    }
  }
  return [...names];
}

/** Fields of a table's query that hold lists of rows (evidence, sparkline points): no CSV cell can hold them. */
export function nestedFields(item: TableItem): Set<string> {
  const fields = item.columns.filter((c) => c.format === 'sparkline').map((c) => c.field);
  if (item.detail?.evidence) fields.push(item.detail.evidence);
  return new Set(fields);
}
