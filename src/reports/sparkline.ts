/**
 * A tiny inline SVG line of a metric's recent days with one day marked (the anomaly's),
 * small enough to sit in every row of a table of hundreds of anomalies.
 */
import { html, type Html } from './html.ts';

export interface SparkPoint {
  x: string;
  y: number | null;
  marked: boolean;
}

const WIDTH = 120;
const HEIGHT = 28;
const PAD = 3;

export function sparkline(points: SparkPoint[], label: string): Html {
  const values = points.map((p) => p.y).filter((y): y is number => y !== null);
  if (values.length === 0) return html``;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const xOf = (i: number) => PAD + (points.length === 1 ? 0 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const yOf = (y: number) =>
    HEIGHT - PAD - (hi === lo ? (HEIGHT - 2 * PAD) / 2 : ((y - lo) * (HEIGHT - 2 * PAD)) / (hi - lo));
  const coords = points.flatMap((p, i) => (p.y === null ? [] : [`${xOf(i).toFixed(1)},${yOf(p.y).toFixed(1)}`]));
  const marks = points.flatMap((p, i) =>
    p.marked && p.y !== null
      ? [html`<circle cx="${xOf(i).toFixed(1)}" cy="${yOf(p.y).toFixed(1)}" r="2.5" class="spark-mark"/>`]
      : [],
  );
  return html`<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}"><polyline points="${coords.join(' ')}" class="spark-line"/>${marks}</svg>`;
}
