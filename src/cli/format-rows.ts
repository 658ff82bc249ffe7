/** Renders query results as an aligned text table, CSV or JSON (an array of row objects). */
import type { Row } from '../db/database.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

export function formatRows(columns: string[], rows: Row[], format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows, null, 2)}\n`;
    case 'csv':
      return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))]
        .map((line) => `${line}\n`)
        .join('');
    case 'table':
      return textTable(columns, rows);
  }
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function textTable(columns: string[], rows: Row[]): string {
  const cells = rows.map((r) =>
    columns.map((c) =>
      r[c] === null || r[c] === undefined ? '' : typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c]),
    ),
  );
  // A reduce, not Math.max(...spread): a spread of 200,000 rows overflows the call stack.
  const widths = columns.map((c, i) => cells.reduce((width, row) => Math.max(width, row[i]!.length), c.length));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return `${out.join('\n')}\n`;
}
