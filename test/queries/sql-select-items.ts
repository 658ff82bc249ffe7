/**
 * The named columns a SQL file produces: every `<expression> as <name>` of a select list,
 * with the expression, so a check can tell a column computed from one only passed on (a
 * column reference, possibly qualified or cast). Comments and string literals are blanked
 * first; `cast(x as type)`, table aliases (`from t as a`) and CTE names are not columns.
 */
import { blankCommentsAndStrings } from './sql-relations.ts';

export interface SelectItem {
  name: string;
  expression: string;
  /** 1-based line of the alias. */
  line: number;
}

const ALIAS = /\bas\s+"?([A-Za-z_][A-Za-z0-9_]*)"?(?!\s*\()/gi;
/** Where an expression starts: a keyword that opens a select list or a clause. */
const CLAUSE = /\b(select|distinct|from|join|where|having|on|by|then|else|when|and|or|qualify|using)\s*$/i;

/** The expression before the `as` at `at`: back to a comma, an opening parenthesis or a clause keyword at its depth. */
function expressionBefore(text: string, at: number): { expression: string; after: string } {
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')' || c === ']') depth++;
    else if (c === '(' || c === '[') {
      if (depth === 0) return { expression: text.slice(i + 1, at), after: '(' };
      depth--;
    } else if (depth === 0 && c === ',') return { expression: text.slice(i + 1, at), after: ',' };
    else if (depth === 0 && /\s/.test(c ?? '')) {
      const keyword = CLAUSE.exec(text.slice(Math.max(0, i - 12), i + 1));
      if (keyword) return { expression: text.slice(i + 1, at), after: (keyword[1] ?? '').toLowerCase() };
    }
  }
  return { expression: text.slice(0, at), after: '' };
}

export function selectItems(sql: string): SelectItem[] {
  const text = blankCommentsAndStrings(sql);
  const items: SelectItem[] = [];
  for (const m of text.matchAll(ALIAS)) {
    const at = m.index ?? 0;
    const { expression, after } = expressionBefore(text, at);
    // A cast's type, a table alias or a CTE's own name: not a column.
    if (after === '(' && /\bcast\s*$|\btry_cast\s*$/i.test(text.slice(0, text.lastIndexOf('(', at)).trimEnd()))
      continue;
    if (after === 'from' || after === 'join') continue;
    items.push({
      name: (m[1] ?? '').toLowerCase(),
      expression: expression.replace(/\s+/g, ' ').trim(),
      line: text.slice(0, at).split('\n').length,
    });
  }
  return items;
}

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
