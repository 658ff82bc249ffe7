/**
 * When an export's first record happened, read from a time cell of it, to load a source's
 * files in time order (SourceAdapter.firstRecordAt).
 */

/**
 * A time cell as epoch milliseconds: epoch seconds, or an ISO 8601 time. A naive time (local,
 * as PBXs and their databases write it) is read as UTC, which orders one PBX's files. Null
 * when the cell is neither.
 */
export function cellTimeMs(cell: string): number | null {
  const text = cell.trim().replace(/^"|"$/g, '');
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const iso = text.replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return null;
  const at = Date.parse(/(Z|[+-]\d{2}(:?\d{2})?)$/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(at) ? at : null;
}
