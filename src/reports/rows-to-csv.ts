/**
 * CSV of a report table's rows (already masked), for the audit desk's spreadsheets: header of
 * column names, raw values (lists joined by spaces), RFC 4180 quoting, and text that a
 * spreadsheet would run as a formula (= + - @ at the start) prefixed with an apostrophe.
 * It starts with a UTF-8 byte order mark so Excel reads Chinese names correctly, and ends
 * each line with CRLF (report.js writes the rows a page shows the same way, from csvLine).
 */
import type { ReportRow } from './mask-personal-data.ts';
import { spreadsheetSafe } from '../files/spreadsheet-safe.ts';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.map(String).join(' ') : String(value);
  if (typeof value === 'string') text = spreadsheetSafe(text);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, without its line end. */
export function csvLine(values: readonly unknown[]): string {
  return values.map(cell).join(',');
}

export function rowsToCsv(columns: string[], rows: ReportRow[]): string {
  const lines = [csvLine(columns)];
  for (const row of rows) lines.push(csvLine(columns.map((c) => row[c])));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
