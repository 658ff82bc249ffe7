/**
 * Turns one Arrow column into text cells exactly as a CSV export would hold them, so Arrow
 * input goes through the same checks as every other format. Timestamps with a zone become
 * UTC instants (`…Z`); timestamps without one stay wall-clock time, read in `timezone`.
 */
import { DataType, type Vector } from 'apache-arrow';

export function arrowColumnText(vector: Vector, type: DataType): (string | null)[] {
  const out = new Array<string | null>(vector.length);
  const text = cellFormatter(type);
  for (let i = 0; i < vector.length; i++) {
    const value: unknown = vector.get(i);
    out[i] = value === null || value === undefined ? null : text(value);
  }
  return out;
}

function cellFormatter(type: DataType): (value: unknown) => string {
  if (DataType.isTimestamp(type)) {
    const zoned = Boolean(type.timezone);
    return (value) => {
      const iso = isoMicros(Number(value));
      return zoned ? iso : iso.slice(0, -1);
    };
  }
  if (DataType.isDate(type)) return (value) => new Date(Number(value)).toISOString().slice(0, 10);
  // A decimal's value prints as its unscaled integer (123.45 in decimal(10,2) is 12345).
  if (DataType.isDecimal(type)) return (value) => withScale(String(value), type.scale);
  if (DataType.isDictionary(type)) return cellFormatter(type.dictionary);
  return (value) => (value instanceof Date ? value.toISOString() : String(value));
}

/** '12345' with scale 2 → '123.45'; '-5' → '-0.05'. */
function withScale(digits: string, scale: number): string {
  if (scale <= 0) return scale === 0 || digits === '0' ? digits : `${digits}${'0'.repeat(-scale)}`;
  const negative = digits.startsWith('-');
  const magnitude = (negative ? digits.slice(1) : digits).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${magnitude.slice(0, -scale)}.${magnitude.slice(-scale)}`;
}

/**
 * ISO text of an instant given in (fractional) milliseconds, as apache-arrow reads every
 * timestamp unit. Rounded to the microsecond: micro- and nanosecond values arrive with float
 * noise (…250 ms as 249.9998), which plain Date would truncate to the millisecond before.
 */
function isoMicros(ms: number): string {
  const micros = Math.round(ms * 1000);
  const extra = ((micros % 1000) + 1000) % 1000;
  const iso = new Date((micros - extra) / 1000).toISOString();
  return extra === 0 ? iso : `${iso.slice(0, -1)}${String(extra).padStart(3, '0')}Z`;
}
