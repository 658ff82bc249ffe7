/**
 * The one reader of SQL's structure for the checks over queries/: the SQL lint
 * (scripts/lint-sql.ts), the layer check (test/queries/layers.test.ts) and the measure check
 * (test/queries/measure-rules.ts). A file is parsed once with sql-formatter's DuckDB dialect
 * parser, `$name` parameters included, and the questions are answered from its tree: the
 * relations it reads, its CTE names, its select items, the aliases of its tables.
 *
 * The tree keeps no positions; its leaves come in the order of the text, so the walk here
 * pairs each with its token to know where it stands (a line, an expression's text).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { duckdb } from 'sql-formatter';

export interface SqlNode {
  type: string;
  text?: string;
  raw?: string;
  tokenType?: string;
  nameKw?: SqlNode;
  children?: SqlNode[];
  object?: SqlNode;
  operator?: string;
  property?: SqlNode;
  parenthesis?: SqlNode;
  dataType?: SqlNode;
  array?: SqlNode;
  openParen?: string;
  closeParen?: string;
  betweenKw?: SqlNode;
  expr1?: SqlNode[];
  andKw?: SqlNode;
  expr2?: SqlNode[];
  caseKw?: SqlNode;
  expr?: SqlNode[];
  clauses?: SqlNode[];
  endKw?: SqlNode;
  whenKw?: SqlNode;
  condition?: SqlNode[];
  thenKw?: SqlNode;
  result?: SqlNode[];
  elseKw?: SqlNode;
  limitKw?: SqlNode;
  offset?: SqlNode[];
  count?: SqlNode[];
}
interface Token {
  type: string;
  raw: string;
  text: string;
  start: number;
}

// format() hides its syntax tree, and the tree is what tells a table's alias from a
// column's; sql-formatter's version is pinned, so its parser's own modules are imported.
const formatterEsm = join(dirname(createRequire(import.meta.url).resolve('sql-formatter')), '..', 'esm');
const esm = (path: string) => import(pathToFileURL(join(formatterEsm, path)).href);
const { createDialect } = await esm('dialect.js');
const { createParser } = (await esm('parser/createParser.js')) as {
  createParser: (tokenizer: unknown) => { parse(sql: string, paramTypes: object): SqlNode[] };
};
const { disambiguateTokens } = (await esm('lexer/disambiguateTokens.js')) as {
  disambiguateTokens: (tokens: Token[]) => Token[];
};
const tokenizer = createDialect(duckdb).tokenizer as { tokenize(sql: string, paramTypes: object): Token[] };
const PARAM_TYPES = { named: ['$'] };

/** Tokens the tree keeps no node for: comments (kept aside) and statement delimiters. */
const UNPAIRED = new Set(['LINE_COMMENT', 'BLOCK_COMMENT', 'DISABLE_COMMENT', 'DELIMITER', 'EOF']);
const COMMENTS = new Set(['line_comment', 'block_comment', 'disable_comment']);
/** Nodes made of one token. */
const LEAVES = new Set([
  'identifier',
  'keyword',
  'literal',
  'operator',
  'parameter',
  'data_type',
  'comma',
  'all_columns_asterisk',
]);

/** A node's parts in the order of the text: nodes, and the punctuation the tree keeps as strings. */
function parts(node: SqlNode): Array<SqlNode | string> {
  const some = (...items: Array<SqlNode | string | SqlNode[] | undefined>) =>
    items.flatMap((item) => (item === undefined ? [] : Array.isArray(item) ? item : [item]));
  switch (node.type) {
    case 'statement':
    case 'clause':
    case 'set_operation':
      return some(node.nameKw, node.children);
    case 'function_call':
      return some(node.nameKw, node.parenthesis);
    case 'parameterized_data_type':
      return some(node.dataType, node.parenthesis);
    case 'array_subscript':
      return some(node.array, node.parenthesis);
    case 'property_access':
      return some(node.object, node.operator, node.property);
    case 'parenthesis':
      return some(node.openParen, node.children, node.closeParen);
    case 'between_predicate':
      return some(node.betweenKw, node.expr1, node.andKw, node.expr2);
    case 'case_expression':
      return some(node.caseKw, node.expr, node.clauses, node.endKw);
    case 'case_when':
      return some(node.whenKw, node.condition, node.thenKw, node.result);
    case 'case_else':
      return some(node.elseKw, node.result);
    case 'limit_clause':
      // `limit <offset>, <count>`: the comma between them has no node.
      return node.offset ? some(node.limitKw, node.offset, ',', node.count) : some(node.limitKw, node.count);
    default:
      return [];
  }
}

/** Whether a leaf of the tree is the token. */
function isTokenOf(part: SqlNode | string, token: Token): boolean {
  if (typeof part === 'string') return token.text === part;
  switch (part.type) {
    case 'keyword':
    case 'data_type':
      return token.raw === part.raw;
    case 'comma':
      return token.type === 'COMMA';
    case 'all_columns_asterisk':
      return token.text === '*';
    default:
      return token.text === part.text;
  }
}

export interface SqlFile {
  sql: string;
  statements: SqlNode[];
  /** Every node's first and last token (indexes into `tokens`). */
  spans: WeakMap<SqlNode, { first: number; last: number }>;
  /** The tokens the tree has a node for, in the order of the text. */
  tokens: Token[];
}

// The checks read the same texts again (copies of queries/ with one file planted, a file per
// measure it defines), and the parser takes tens of milliseconds a file: one parse per text.
const parsed = new Map<string, SqlFile>();

/** The parsed file; throws the parser's error (with `at line N` when the tokenizer knows it). */
export function parseSql(sql: string): SqlFile {
  let file = parsed.get(sql);
  if (file === undefined) {
    file = parse(sql);
    parsed.set(sql, file);
  }
  return file;
}

function parse(sql: string): SqlFile {
  const statements = createParser(tokenizer).parse(sql, PARAM_TYPES);
  const tokens = disambiguateTokens(tokenizer.tokenize(sql, PARAM_TYPES)).filter((t) => !UNPAIRED.has(t.type));
  const spans = new WeakMap<SqlNode, { first: number; last: number }>();
  let next = 0;
  const pair = (part: SqlNode | string): void => {
    if (typeof part !== 'string' && COMMENTS.has(part.type)) return;
    const first = next;
    if (typeof part === 'string' || LEAVES.has(part.type)) {
      const token = tokens[next];
      if (token === undefined || !isTokenOf(part, token)) {
        const at = token ? lineAt(sql, token.start) : lineAt(sql, sql.length);
        throw new Error(`sql-tree: the tree and the tokens disagree at line ${at} (${JSON.stringify(part)})`);
      }
      next++;
    } else {
      for (const child of parts(part)) pair(child);
    }
    if (typeof part !== 'string' && next > first) spans.set(part, { first, last: next - 1 });
  };
  for (const statement of statements) pair(statement);
  return { sql, statements, spans, tokens };
}

function lineAt(sql: string, offset: number): number {
  return sql.slice(0, offset).split('\n').length;
}

/** The 1-based line a node starts on. */
function lineOf(file: SqlFile, node: SqlNode): number {
  const span = file.spans.get(node);
  return span ? lineAt(file.sql, file.tokens[span.first]?.start ?? 0) : 1;
}

/** The text of consecutive nodes, comments left out and white space made one space. */
function textOf(file: SqlFile, nodes: readonly SqlNode[]): string {
  const spans = nodes.flatMap((node) => file.spans.get(node) ?? []);
  const first = spans[0]?.first;
  const last = spans[spans.length - 1]?.last;
  if (first === undefined || last === undefined) return '';
  let text = '';
  for (let i = first; i <= last; i++) {
    const token = file.tokens[i]!;
    const previous = file.tokens[i - 1];
    if (i > first && previous && token.start > previous.start + previous.raw.length) text += ' ';
    text += token.raw;
  }
  return text;
}

/** Every node of the tree, depth first, in the order of the text. */
function* walk(nodes: readonly (SqlNode | string)[]): Generator<SqlNode> {
  for (const node of nodes) {
    if (typeof node === 'string') continue;
    yield node;
    yield* walk(parts(node));
  }
}

const unquote = (name: string) => name.replace(/"/g, '').toLowerCase();
const isKeyword = (node: SqlNode | undefined, text: string) => node?.type === 'keyword' && node.text === text;
const withoutComments = (nodes: readonly SqlNode[] = []) => nodes.filter((n) => !COMMENTS.has(n.type));

/**
 * `unnest(...) with ordinality as r(...)`: the parser reads WITH as a new clause, which goes
 * on with FROM's list (and defines no CTE).
 */
function continuesFrom(clause: SqlNode): boolean {
  const first = withoutComments(clause.children)[0];
  return clause.nameKw?.text === 'WITH' && first?.type === 'identifier' && first.text?.toLowerCase() === 'ordinality';
}

/**
 * The FROM clauses of queries. `extract(hour from x)`, `substring(x from 2)` and `trim(...
 * from x)` parse as a FROM clause inside a parenthesis too: a query's FROM stands in a
 * statement or in a parenthesis that opens with a clause (a subquery).
 */
function fromClauses(file: SqlFile): SqlNode[] {
  const lists = [
    ...file.statements.map((s) => s.children ?? []),
    ...[...walk(file.statements)]
      .filter((node) => node.type === 'parenthesis' && withoutComments(node.children)[0]?.type === 'clause')
      .map((node) => node.children ?? []),
  ];
  return lists.flatMap((list) =>
    list.filter((node) => node.type === 'clause' && (node.nameKw?.text === 'FROM' || continuesFrom(node))),
  );
}

interface FromItem {
  /** `calls`, `main.calls`, `read_csv(...)`, `(subquery)`, `unnest(...) with ordinality`. */
  relation: string;
  /** The table's name (lower case, unquoted, schema dropped); none for a table function or subquery. */
  table?: string;
  alias?: SqlNode;
}

/**
 * What a FROM clause lists: a relation (table, subquery, table function) right after FROM, a
 * comma or a JOIN, and the alias that follows it, with or without AS.
 */
function fromItems(clause: SqlNode): FromItem[] {
  const items: FromItem[] = [];
  const nodes = withoutComments(clause.children);
  const ordinality = continuesFrom(clause);
  let expectRelation = !ordinality;
  let item: FromItem | null = ordinality ? { relation: 'unnest(...) with ordinality' } : null;
  if (item) items.push(item);
  for (const [index, node] of nodes.entries()) {
    if (ordinality && index === 0) continue;
    if (item && isKeyword(node, 'AS')) continue;
    if (item && item.alias === undefined && node.type === 'identifier') {
      item.alias = node;
      continue;
    }
    item = null;
    if (node.type === 'comma' || node.tokenType === 'RESERVED_JOIN') {
      expectRelation = true;
    } else if (expectRelation) {
      expectRelation = false;
      item = fromItem(node, nodes[index + 1]);
      if (item) items.push(item);
    }
  }
  return items;
}

function fromItem(node: SqlNode, next: SqlNode | undefined): FromItem | null {
  // A name called like a function (`read_csv(...)`, a table macro) is a table function.
  const called = next?.type === 'parenthesis' && next.openParen === '(';
  if (node.type === 'identifier' && called) return { relation: `${node.text}(...)` };
  if (node.type === 'identifier') return { relation: node.text ?? '', table: unquote(node.text ?? '') };
  if (node.type === 'property_access') {
    const name = `${node.object?.text}.${node.property?.text}`;
    return { relation: name, table: unquote(node.property?.text ?? '') };
  }
  if (node.type === 'function_call') return { relation: `${node.nameKw?.raw}(...)` };
  if (node.type === 'parenthesis') return { relation: '(subquery)' };
  return null;
}

/** The names of the CTEs the file defines (lower case). */
export function cteNames(file: SqlFile): Set<string> {
  const names = new Set<string>();
  for (const clause of walk(file.statements)) {
    if (clause.type !== 'clause' || !clause.nameKw?.text?.startsWith('WITH') || continuesFrom(clause)) continue;
    let expectName = true;
    for (const node of withoutComments(clause.children)) {
      if (node.type === 'comma') expectName = true;
      else if (expectName && node.type === 'identifier') {
        names.add(unquote(node.text ?? ''));
        expectName = false;
      }
    }
  }
  return names;
}

/**
 * The relations the file reads: the tables its queries' FROM and JOIN list, less its CTEs
 * (lower case, schema prefix such as `temp.` or `main.` dropped), and the target of a
 * `delete from`, which reads the table it deletes from.
 */
export function relationsRead(file: SqlFile): Set<string> {
  const ctes = cteNames(file);
  const tables = fromClauses(file).flatMap((clause) => fromItems(clause).map((item) => item.table));
  for (const clause of walk(file.statements)) {
    if (clause.type === 'clause' && clause.nameKw?.text === 'DELETE FROM') {
      const [target, next] = withoutComments(clause.children);
      if (target) tables.push(fromItem(target, next)?.table);
    }
  }
  return new Set(tables.filter((name): name is string => name !== undefined && !ctes.has(name)));
}

export interface TableAlias {
  relation: string;
  alias: string;
  line: number;
}

/** The aliases FROM clauses give tables, subqueries and table functions. */
export function tableAliases(file: SqlFile): TableAlias[] {
  return fromClauses(file).flatMap((clause) =>
    fromItems(clause).flatMap(({ relation, alias }) =>
      alias ? [{ relation, alias: unquote(alias.text ?? ''), line: lineOf(file, alias) }] : [],
    ),
  );
}

export interface SelectItem {
  name: string;
  /** Its text, comments left out and white space made one space. */
  expression: string;
  /** 1-based line of the name. */
  line: number;
}

/** Nodes split at their commas. */
function splitAtCommas(nodes: readonly SqlNode[]): SqlNode[][] {
  const lists: SqlNode[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'comma') lists.push([]);
    else lists[lists.length - 1]!.push(node);
  }
  return lists;
}

/**
 * The named columns the file's select lists make: every `<expression> as <name>`, those of
 * `* replace (<expression> as <name>)` included. A column without `as` is not named here.
 */
export function selectItems(file: SqlFile): SelectItem[] {
  const items: SelectItem[] = [];
  const named = (item: SqlNode[]) => {
    const alias = item[item.length - 1];
    if (item.length < 3 || alias?.type !== 'identifier' || !isKeyword(item[item.length - 2], 'AS')) return;
    items.push({
      name: unquote(alias.text ?? ''),
      expression: textOf(file, item.slice(0, -2)),
      line: lineOf(file, alias),
    });
  };
  for (const clause of walk(file.statements)) {
    if (clause.type !== 'clause' || !clause.nameKw?.text?.startsWith('SELECT')) continue;
    for (const item of splitAtCommas(withoutComments(clause.children))) {
      const replace = item.find((node) => node.type === 'function_call' && node.nameKw?.text === 'REPLACE');
      if (item[0]?.type === 'all_columns_asterisk' && replace) {
        for (const replaced of splitAtCommas(withoutComments(replace.parenthesis?.children))) named(replaced);
      } else named(item);
    }
  }
  return items;
}

/** The names of every identifier in the file (lower case): what it mentions outside comments and strings. */
export function identifierNames(file: SqlFile): Set<string> {
  return new Set([...walk(file.statements)].filter((n) => n.type === 'identifier').map((n) => unquote(n.text ?? '')));
}

/** The `$name` parameters the file uses, in order of first use (without the `$`). */
export function parameterNames(file: SqlFile): string[] {
  const names = [...walk(file.statements)].filter((n) => n.type === 'parameter').map((n) => (n.text ?? '').slice(1));
  return [...new Set(names)];
}

/** The macros the file creates (`create [or replace] [temp] macro <name>(...)`), lower case. */
export function macroNames(file: SqlFile): Set<string> {
  const names = new Set<string>();
  for (const clause of walk(file.statements)) {
    const name = withoutComments(clause.children)[0];
    if (clause.type === 'clause' && /^CREATE\b.*\bMACRO$/.test(clause.nameKw?.text ?? '') && name?.text) {
      names.add(unquote(name.text));
    }
  }
  return names;
}
