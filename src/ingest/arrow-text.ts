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
      const iso = new Date(Number(value)).toISOString();
      return zoned ? iso : iso.slice(0, -1);
    };
  }
  if (DataType.isDate(type)) return (value) => new Date(Number(value)).toISOString().slice(0, 10);
  if (DataType.isDictionary(type)) return cellFormatter(type.dictionary);
  return (value) => (value instanceof Date ? value.toISOString() : String(value));
}
