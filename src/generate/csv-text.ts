/** RFC 4180 CSV text: comma-separated, quoted only where a cell needs it, LF line ends. */
import type { Cell } from './table-rows.ts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function cellText(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file as one string (with its row count), built from lines joined once. */
export function csvText(columns: readonly string[], rows: Iterable<readonly Cell[]>): { text: string; rows: number } {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(row.map(cellText).join(','));
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}
