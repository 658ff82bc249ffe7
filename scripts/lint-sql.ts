/**
 * The SQL lint `npm run lint` runs over queries/ (queries/README.md, "Style"). Every file
 * - parses with sql-formatter's DuckDB dialect, `$name` parameters included. Its parser is a
 *   formatter's: it catches unbalanced brackets, unclosed strings, a CASE without END, not
 *   every error DuckDB would (the tests run every file on DuckDB);
 * - opens with a header comment; the files that make a relation (staging, dims,
 *   intermediate, facts, marts, rules, report queries) say in it their `grain:` and `from:`;
 * - aliases no table, subquery or table function with one letter: name the table, or alias
 *   it for what it holds.
 *
 *   npx tsx scripts/lint-sql.ts [DIR]     (DIR defaults to queries/; exits 1 on a problem)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { duckdb } from 'sql-formatter';
import { QUERIES_DIR, sqlFilesUnder } from '../src/db/sql-files.ts';

/** Layers whose files make a relation, and so say its grain and sources. */
const DESCRIBED_LAYERS = new Set(['staging', 'dims', 'intermediate', 'facts', 'marts', 'anomalies', 'reports']);

interface AstNode {
  type: string;
  text?: string;
  raw?: string;
  tokenType?: string;
  nameKw?: AstNode;
  children?: AstNode[];
  object?: AstNode;
  property?: AstNode;
}
interface Parser {
  parse(sql: string, paramTypes: object): AstNode[];
}

// format() hides its syntax tree, and the tree is what tells a table's alias from a
// column's; sql-formatter's version is pinned, so its parser's own modules are imported.
const formatterEsm = join(dirname(createRequire(import.meta.url).resolve('sql-formatter')), '..', 'esm');
const { createDialect } = await import(pathToFileURL(join(formatterEsm, 'dialect.js')).href);
const { createParser } = (await import(pathToFileURL(join(formatterEsm, 'parser/createParser.js')).href)) as {
  createParser: (tokenizer: unknown) => Parser;
};
const tokenizer = createDialect(duckdb).tokenizer;
const PARAM_TYPES = { named: ['$'] };

/** Every node of the tree, depth first. */
function* walk(value: unknown): Generator<AstNode> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item);
  } else if (value !== null && typeof value === 'object') {
    if ('type' in value) yield value as AstNode;
    for (const child of Object.values(value)) yield* walk(child);
  }
}

const RELATION_NODES = new Set(['identifier', 'property_access', 'function_call', 'parenthesis']);

function relationName(node: AstNode): string {
  if (node.type === 'identifier') return node.text ?? '';
  if (node.type === 'property_access') return `${node.object?.text}.${node.property?.text}`;
  if (node.type === 'function_call') return `${node.nameKw?.raw}(...)`;
  return '(subquery)';
}

/** `unnest(...) with ordinality as r(...)`: the parser reads WITH as a new clause that goes on with FROM's list. */
const WITH_ORDINALITY = 'unnest(...) with ordinality';

function continuesFrom(clause: AstNode): boolean {
  const first = clause.children?.[0];
  return clause.nameKw?.text === 'WITH' && first?.type === 'identifier' && first.text?.toLowerCase() === 'ordinality';
}

/**
 * The aliases a FROM clause gives: a relation (table, subquery, table function) right after
 * FROM, a comma or a JOIN, followed by an identifier, with or without AS.
 */
function fromAliases(clause: AstNode): Array<{ relation: string; alias: string }> {
  const aliases: Array<{ relation: string; alias: string }> = [];
  const ordinality = continuesFrom(clause);
  let expectRelation = !ordinality;
  let relation: AstNode | null = ordinality ? { type: 'identifier', text: WITH_ORDINALITY } : null;
  for (const node of (clause.children ?? []).slice(ordinality ? 1 : 0)) {
    if (relation && node.type === 'keyword' && node.text === 'AS') continue;
    if (relation && node.type === 'identifier') {
      aliases.push({ relation: relationName(relation), alias: (node.text ?? '').replace(/"/g, '') });
    }
    relation = null;
    if (node.type === 'comma' || node.tokenType === 'RESERVED_JOIN') {
      expectRelation = true;
    } else if (expectRelation) {
      expectRelation = false;
      if (RELATION_NODES.has(node.type)) relation = node;
    }
  }
  return aliases;
}

/**
 * The line of the nth `<relation or )> [as] <alias>` outside comments: the tree keeps no
 * positions, and walks the text in order, so the nth alike alias is the nth match.
 */
function aliasLine(sql: string, relation: string, alias: string, nth: number): number {
  const code = sql.replace(/--[^\n]*/g, '');
  const before = /^\w+(\.\w+)?$/.test(relation)
    ? String.raw`\b${relation.replace('.', String.raw`\s*\.\s*`)}`
    : String.raw`\)(?:\s*with\s+ordinality)?`;
  const match = [...code.matchAll(new RegExp(String.raw`${before}\s*(?:as\s+)?${alias}\b`, 'gi'))][nth];
  return match ? code.slice(0, (match.index ?? 0) + match[0].length).split('\n').length : 1;
}

/** The problems of one file, as "<file>:<line>: <what>". */
function lintFile(file: string, sql: string): string[] {
  const layer = file.split('/')[0] ?? '';
  const problems: string[] = [];
  const header = /^(?:--[^\n]*(?:\n|$))+/.exec(sql)?.[0];
  if (!header) problems.push(`${file}:1: no header comment: open with what the file computes`);
  else if (DESCRIBED_LAYERS.has(layer) && !(/\bgrain:/i.test(header) && /\bfrom:/i.test(header))) {
    problems.push(`${file}:1: the header comment says no grain: and from:`);
  }
  let tree: AstNode[];
  try {
    tree = createParser(tokenizer).parse(sql, PARAM_TYPES);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    const line = /at line (\d+)/.exec(message)?.[1] ?? '1';
    return [...problems, `${file}:${line}: does not parse (sql-formatter, DuckDB dialect): ${message}`];
  }
  const seen = new Map<string, number>();
  for (const node of walk(tree)) {
    if (node.type !== 'clause' || !(node.nameKw?.text === 'FROM' || continuesFrom(node))) continue;
    for (const { relation, alias } of fromAliases(node)) {
      if (alias.length !== 1) continue;
      const nth = seen.get(`${relation} ${alias}`) ?? 0;
      seen.set(`${relation} ${alias}`, nth + 1);
      const line = aliasLine(sql, relation, alias, nth);
      problems.push(
        `${file}:${line}: one-letter alias ${alias} for ${relation}: name the table, or alias it for what it holds`,
      );
    }
  }
  return problems;
}

/** The problems of every SQL file under `dir`. */
export function lintSql(dir = QUERIES_DIR): { files: number; problems: string[] } {
  const files = sqlFilesUnder(dir);
  const problems = files.flatMap((file) => lintFile(file, readFileSync(join(dir, file), 'utf8')));
  return { files: files.length, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? QUERIES_DIR;
  const { files, problems } = lintSql(dir);
  const prefix = join(relative(process.cwd(), dir), '/');
  for (const problem of problems) console.error(`${prefix}${problem}`);
  console.log(`lint-sql: ${files} files, ${problems.length} problems`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
