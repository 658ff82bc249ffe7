/** RFC 4180 CSV text: comma-separated, quoted only where a cell needs it, LF line ends. */
import type { Cell } from './table-rows.ts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function cellText(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvText(columns: readonly string[], rows: readonly Cell[][]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(row.map(cellText).join(','));
  return `${lines.join('\n')}\n`;
}
