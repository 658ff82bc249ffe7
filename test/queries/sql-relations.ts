/**
 * The relations a SQL file reads: the targets of its `from` and `join` clauses, less the CTE
 * names it defines, table functions (`read_csv(...)`, `unnest(...)`), subqueries and the
 * `from` of `extract(... from x)`, `is [not] distinct from x`, `trim(... from x)` and
 * `substring(x from ...)`. Comments and string literals are blanked first.
 */

/** Blanks `--` and `/* *\/` comments and '...' / "..." literals, keeping offsets. */
export function blankCommentsAndStrings(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      while (i < sql.length && sql[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      out += ` ${' '.repeat(Math.max(0, j - i - 1))} `.slice(0, j + 1 - i);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const IDENT = '"?[A-Za-z_][A-Za-z0-9_]*"?';
const CTE = new RegExp(
  String.raw`(?:\bwith\s+(?:recursive\s+)?|,\s*)(${IDENT})\s*(?:\([^()]*\)\s*)?as\s+(?:not\s+)?(?:materialized\s+)?\(`,
  'gi',
);
const READ = new RegExp(String.raw`(?<![$\w])(from|join)\s+(${IDENT}(?:\s*\.\s*${IDENT})?)(\s*\()?`, 'gi');

const unquote = (name: string) => name.replace(/"/g, '').toLowerCase();

/** The names of the CTEs a statement defines. */
export function cteNames(sql: string): Set<string> {
  const names = new Set<string>();
  for (const m of blankCommentsAndStrings(sql).matchAll(CTE)) names.add(unquote(m[1] ?? ''));
  return names;
}

/** Whether the `from` at `at` sits inside extract( / trim( / substring( ... ) or follows `distinct`. */
function isExpressionFrom(sql: string, at: number): boolean {
  if (/\bdistinct\s*$/i.test(sql.slice(Math.max(0, at - 30), at))) return true;
  let depth = 0;
  for (let i = at - 1; i >= 0; i--) {
    const c = sql[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0)
        return /\b(extract|trim|substring|overlay|position)\s*$/i.test(sql.slice(Math.max(0, i - 20), i));
      depth--;
    }
  }
  return false;
}

/** The relations the SQL reads (lower case, schema prefix such as `temp.` or `main.` dropped). */
export function relationsRead(sql: string): Set<string> {
  const text = blankCommentsAndStrings(sql);
  const ctes = cteNames(sql);
  const names = new Set<string>();
  for (const m of text.matchAll(READ)) {
    if (m[3] !== undefined) continue; // a table function or macro call
    const keyword = (m[1] ?? '').toLowerCase();
    if (keyword === 'from' && isExpressionFrom(text, m.index ?? 0)) continue;
    const parts = unquote(m[2] ?? '').split(/\s*\.\s*/);
    const name = parts[parts.length - 1] ?? '';
    if (ctes.has(name)) continue;
    names.add(name);
  }
  return names;
}
