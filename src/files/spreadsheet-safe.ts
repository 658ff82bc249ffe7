/**
 * Cells a spreadsheet would run as a formula: text starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(…)`). In every CSV meant to
 * be opened by people (rejects, report downloads, exports by default) such a cell gets a
 * leading apostrophe, which spreadsheets show as text and do not evaluate.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The same rule in SQL, over a text expression. */
export function spreadsheetSafeSql(cell: string): string {
  return `case when regexp_matches(${cell}, '^[=+\\-@\\t\\r]') then '''' || ${cell} else ${cell} end`;
}
