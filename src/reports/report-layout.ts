/**
 * The shape of a report definition (reports/<report>.json): a title, the named queries it
 * reads (SQL files under queries/reports/, parameters bound), and sections of items bound to
 * those names. Adding a chart is adding a Vega-Lite spec and one item here; the renderer
 * does not change.
 */
import { z } from 'zod';

/** How a table cell or KPI value is shown; formatting never changes the number read. */
export const FORMATS = [
  'text',
  'label',
  'count',
  'share',
  'decimal1',
  'decimal2',
  'seconds',
  'hours',
  'score',
  'currency',
  'date',
  'ids',
  'sparkline',
] as const;
export type Format = (typeof FORMATS)[number];

const key = z.string().min(1);
const name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower_snake_case name');

const column = z.strictObject({
  field: name,
  /** Label key; default `col.<field>`, or `measure.<field>` for a measure. */
  label: key.optional(),
  format: z.enum(FORMATS).default('text'),
  /** For format "label": the value is shown as the label `<labels>.<value>`. */
  labels: name.optional(),
  /**
   * Smaller text under the value, e.g. the raw value and n beside a shrunk estimate:
   * the label `text` ("raw {raw} · n {n}") filled with the formatted fields.
   */
  sub: z
    .strictObject({ text: key, fields: z.record(name, z.strictObject({ field: name, format: z.enum(FORMATS) })) })
    .optional(),
  /** Long text (explanations): give the column room instead of squeezing it. */
  wide: z.boolean().default(false),
  /** Offer a filter (a list of the column's values) above the table. */
  filter: z.boolean().default(false),
  /** Make the cell a link: "anomalies.html#a-{anomaly_id}" ({field} is URL-encoded). */
  link: z.string().optional(),
  /** For format "sparkline": the query with one row per point, keyed by this column's field. */
  series: z.strictObject({ query: name, x: name, y: name, mark: name }).optional(),
});
export type Column = z.infer<typeof column>;

const kpi = z.strictObject({
  name,
  format: z.enum(FORMATS),
  /** Which direction is good news, for the colour of the change. */
  better: z.enum(['up', 'down', 'none']).default('none'),
});
export type Kpi = z.infer<typeof kpi>;

const kpisItem = z.strictObject({ type: z.literal('kpis'), query: name, measures: z.array(kpi).min(1) });
const chartItem = z.strictObject({
  type: z.literal('chart'),
  id: name,
  title: key,
  note: key.optional(),
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
  /** Anchor of each row, e.g. "a-{anomaly_id}", so other reports can link to it. */
  row_id: z.string().optional(),
  /** Also write the (masked) rows as this CSV file next to the page. */
  csv: z.string().regex(/^[a-z0-9_-]+\.csv$/).optional(),
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
      if (it.type === 'chart') Object.values(it.data).forEach((q) => names.add(q));
      if (it.type === 'table') {
        names.add(it.query);
        it.columns.forEach((c) => c.series && names.add(c.series.query));
      }
    }
  }
  return [...names];
}
