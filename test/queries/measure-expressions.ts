/**
 * What the measure check (test/queries/measure-rules.ts) lets a file do with a column named
 * after a measure, told from the text of the select item's expression (scripts/sql-tree.ts
 * gives it, comments left out and white space made one space): pass it on, or tally it.
 */
const COLUMN = String.raw`(?:[A-Za-z_]\w*\.)?[A-Za-z_]\w*(?:\s*::\s*\w+(?:\s*\(\s*\d+\s*(?:,\s*\d+\s*)?\))?)?`;
const PASSED_ON = new RegExp(
  String.raw`^(?:${COLUMN}|coalesce\(\s*${COLUMN}\s*,\s*(?:0|\[\]|false)\s*\)|any_value\(\s*${COLUMN}\s*\))$`,
  'i',
);
/** count(...) with an optional filter, or a sum of one column (coalesced to 0 or not). */
const TALLY = new RegExp(
  String.raw`^(?:count\((?:\*|distinct\s+${COLUMN}|${COLUMN})\)(?:\s*filter\s*\(where\b.*\))?|(?:coalesce\(\s*)?sum\(\s*${COLUMN}\s*\)(?:\s*,\s*0\s*\))?)$`,
  'i',
);

/** A column passed on, not computed: `x`, `t.x`, `x::type`, `coalesce(x, 0)`, `any_value(x)`. */
export function isPassedOn(expression: string): boolean {
  return PASSED_ON.test(expression);
}

/**
 * A tally: rows counted (`count(*) filter (where ...)`) or one column summed. It adds up a
 * flag or an amount defined elsewhere, at the grain of its query; not a formula of its own.
 */
export function isTally(expression: string): boolean {
  return TALLY.test(expression);
}
