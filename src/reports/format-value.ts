/**
 * Text for a value read from a report query. Formatting rounds for display only; it never
 * derives a new number. Written without Intl so the output is the same on every machine.
 */
import type { Format } from './report-layout.ts';
import type { Translator } from './i18n.ts';

export const MISSING = '—';

function grouped(value: number, decimals: number): string {
  const [whole = '', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const sign = value < 0 && Number(Math.abs(value).toFixed(decimals)) !== 0 ? '-' : '';
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return null;
}

export function formatValue(value: unknown, format: Format, tr: Translator, labels?: string): string {
  if (value === null || value === undefined || value === '') return MISSING;
  if (typeof value === 'boolean') return tr.t(value ? 'value.yes' : 'value.no');
  if (Array.isArray(value))
    return value.map((item) => formatValue(item, format, tr, labels)).join(tr.t('fmt.list_separator'));
  switch (format) {
    case 'text':
    case 'date':
      return String(value);
    case 'label': {
      const key = `${labels}.${String(value)}`;
      return labels && tr.has(key) ? tr.t(key) : String(value);
    }
    case 'sparkline':
      return '';
  }
  const n = asNumber(value);
  if (n === null) return String(value);
  return formatNumber(n, format, tr);
}

function formatNumber(n: number, format: Format, tr: Translator): string {
  switch (format) {
    case 'count':
      return grouped(n, 0);
    case 'share':
      return `${grouped(n * 100, 1)}%`;
    case 'decimal1':
    case 'score':
      return grouped(n, 1);
    case 'decimal2':
      return grouped(n, 2);
    case 'seconds':
      return tr.t('fmt.seconds', { n: grouped(n, 0) });
    case 'hours':
      return tr.t('fmt.hours', { n: grouped(n, 1) });
    case 'currency':
      return tr.currency ? tr.t('fmt.currency', { n: grouped(n, 0), currency: tr.currency }) : grouped(n, 0);
    case 'points':
      return tr.t('fmt.score_points', { n: grouped(n, 1) });
    case 'days':
      return tr.t('fmt.days', { n: grouped(n, 1) });
    case 'digits':
      return tr.t('fmt.digits', { n: grouped(n, 0) });
    case 'clock':
      return clock(n);
    default:
      return String(n);
  }
}

/** Hours of the day as hh:mm (21.5 -> 21:30), to the minute. */
function clock(hours: number): string {
  const minutes = Math.round(hours * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A signed difference in the value's own terms; shares change in percentage points. */
export function formatChange(change: unknown, format: Format, tr: Translator): string {
  const n = asNumber(change);
  if (n === null) return MISSING;
  const sign = n > 0 ? '+' : '';
  if (format === 'share') return tr.t('fmt.points', { n: sign + grouped(n * 100, 1) });
  return sign + formatNumber(n, format, tr);
}
