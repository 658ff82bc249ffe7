/**
 * The contract and the decisions live in docs/, and the code points at them: this checks
 * that every pointer lands and that the pages keep up with the code (docs/README.md).
 *
 * Over every file git tracks, or would track (new files that are not ignored), as it is
 * in the working copy:
 * - no reference to the specification the contract was first written from (its name in
 *   capitals, as the old `<name> §N` comments wrote it), to a shared folder outside the
 *   repository, or to the git-ignored notes folder;
 * - every `docs/…` or `queries/…` path names a file or folder of the repository, and a
 *   `#section` of a Markdown page names one of its headings;
 * - every relative link of a Markdown page resolves, with its `#section`;
 * - every `*.md` file a source, SQL, test or bench file names exists;
 * - README's layout table lists every folder of src/ and every top-level folder, and its
 *   summary of the input contract has the contracts' keys and required columns.
 * And the pages keep up with the code: every measure of measures.ts is in metrics.md, every
 * rule with its settings and their defaults in anomaly-rules.md, every subcommand in
 * cli.md, every report query in reports.md, every page of docs/ in docs/README.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../src/metrics/measures.ts';
import { RULES } from '../../src/anomalies/rules.ts';
import { anomalySettingsSchema } from '../../src/config/anomaly-settings.ts';
import { CONTRACTS, TABLE_NAMES } from '../../src/ingest/contracts.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Files git tracks or would track, relative to the root, that are in the working copy. */
function repositoryFiles(): string[] {
  const list = (args: string[]) =>
    execFileSync('git', ['ls-files', '-z', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\0')
      .filter(Boolean);
  const files = new Set([...list([]), ...list(['--others', '--exclude-standard'])]);
  return [...files].filter((file) => existsSync(join(ROOT, file))).sort();
}

const FILES = repositoryFiles();
const FILE_SET = new Set(FILES);
const FOLDER_SET = new Set(
  FILES.flatMap((file) =>
    file
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);

/** Text files worth reading: no data files, nothing binary. */
const TEXT_FILES = FILES.filter((file) => {
  if (/\.(png|parquet|arrow|gz|duckdb)$/.test(file)) return false;
  if (statSync(join(ROOT, file)).size > 1024 * 1024) return false;
  return !readFileSync(join(ROOT, file)).includes(0);
});

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** This file: its examples of paths that are not ours are not references. */
const SELF = 'test/docs/doc-references.test.ts';

/** Files that cite paths of other projects, or made-up paths on purpose, and which ones. */
const NOT_OURS: Record<string, { paths: string[]; why: string }> = {
  'docs/sources/asterisk.md': {
    paths: [
      'docs/Operation/Logging/Queue-Logs.md',
      'docs/Configuration/Reporting/Call-Detail-Records-CDR/CDR-Specification.md',
      'docs/Configuration/Reporting/Call-Detail-Records-CDR/CDR-Variables.md',
    ],
    why: "files of Asterisk's documentation repository, cited with their URL",
  },
  'test/reports/report-params.test.ts': {
    paths: ['queries/reports/x.sql'],
    why: 'a made-up file in a test of the error message that names it',
  },
};

/** Strings no file may hold, and why (.gitignore names the ignored folders on purpose). */
const FORBIDDEN: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /\bSPEC\b/, why: 'names the specification outside the repository; point at docs/ instead' },
  { pattern: /\.\.\/shared\b|\/work\/shared\b/, why: 'a file outside the repository' },
  { pattern: /(?<![\w.-])scratch\//, why: 'the git-ignored notes folder' },
];

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

const headingCache = new Map<string, Set<string>>();
function hasHeading(markdownFile: string, id: string): boolean {
  if (!headingCache.has(markdownFile)) headingCache.set(markdownFile, headingIds(read(markdownFile)));
  return headingCache.get(markdownFile)!.has(id);
}

/** A path of the repository: a file, a folder, or (for a pattern such as `review_*.sql`) a prefix. */
function exists(path: string, prefix: boolean): boolean {
  const clean = path.replace(/\/+$/, '');
  if (FILE_SET.has(clean) || FOLDER_SET.has(clean)) return true;
  return prefix && FILES.some((file) => file.startsWith(path));
}

/** Problems with one named path (`anchor` without its #). */
function pathProblem(path: string, anchor: string | undefined, prefix: boolean): string | null {
  if (path.split('/').includes('..')) return 'points outside the repository';
  if (!exists(path, prefix)) return 'does not exist in the repository (or is git-ignored)';
  if (anchor && path.endsWith('.md') && !hasHeading(path, anchor)) return `has no heading #${anchor}`;
  return null;
}

/** `docs/…` and `queries/…` paths, from the root or relative (`../../docs/…`). */
const REPO_PATH = /(?<![\w./-])((?:\.\.\/)*)((?:docs|queries)\/[\w./-]*)(?:#([\w-]+))?(.?)/g;

function repoPathProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(REPO_PATH)) {
    const [, up, rawPath, anchor, next] = match;
    const named = rawPath!.replace(/\.+$/, '');
    const path = up ? posix.normalize(posix.join(posix.dirname(file), up, named)) : named;
    if (NOT_OURS[file]?.paths.includes(path)) continue;
    const prefix = /[*<{$]/.test(next ?? '') || /[_-]$/.test(named);
    const problem = pathProblem(path, anchor, prefix);
    if (problem)
      problems.push(
        `${file}:${lineOf(text, match.index)}: ${up ?? ''}${named}${anchor ? `#${anchor}` : ''} ${problem}`,
      );
  }
  return problems;
}

/** Relative links of a Markdown page: `[text](target)`. */
function markdownLinkProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1]!;
    if (/^[a-z]+:/i.test(target)) continue;
    const [rawPath, anchor] = target.split('#') as [string, string | undefined];
    const where = `${file}:${lineOf(text, match.index)}: link ${target}`;
    if (rawPath === '') {
      if (anchor && !hasHeading(file, anchor)) problems.push(`${where} has no heading #${anchor} in this page`);
      continue;
    }
    const path = posix.normalize(posix.join(posix.dirname(file), rawPath));
    const problem = pathProblem(path, anchor, false);
    if (problem) problems.push(`${where} ${problem}`);
  }
  return problems;
}

/**
 * `*.md` files named in code, SQL, tests and benchmarks: a path from the root or from the
 * file's folder, or a bare name (`contract.md`, often joined to its folder in code) that
 * some file of the repository has.
 */
function markdownNameProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/(?<![\w./-])((?:\.{1,2}\/)*[\w-][\w./-]*\.md)\b/g)) {
    const named = match[1]!;
    if (!named.includes('/') && FILES.some((path) => posix.basename(path) === named)) continue;
    const candidates = [posix.normalize(named), posix.normalize(posix.join(posix.dirname(file), named))];
    if (candidates.some((path) => !path.startsWith('..') && FILE_SET.has(path))) continue;
    if (NOT_OURS[file]?.paths.includes(named)) continue;
    problems.push(`${file}:${lineOf(text, match.index)}: ${named} is not a file of the repository (or is git-ignored)`);
  }
  return problems;
}

/** The backticked names in the first column of README's "Layout" table. */
function layoutFolders(readme: string): string[] {
  const section = /^## Layout\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(readme);
  if (!section) return [];
  return section[1]!
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

/** The rows of the first table under a `## ` heading of a Markdown page, as cells. */
function tableRows(markdown: string, heading: string): string[][] {
  const section = sectionOf(markdown, heading) ?? '';
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  return lines.slice(2).map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
}

/** The text of a Markdown page from a heading to the next heading of the same or a higher level. */
function sectionOf(markdown: string, heading: string): string | null {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) return null;
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, i) => i > start && /^#{1,6} /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('references of the code and the docs', () => {
  it('finds the repository files', () => {
    expect(FILES).toContain('README.md');
    expect(FILES).toContain('docs/contract.md');
  });

  it('point at nothing outside the repository', () => {
    const problems: string[] = [];
    for (const file of TEXT_FILES) {
      if (file === '.gitignore') continue;
      const text = read(file);
      for (const { pattern, why } of FORBIDDEN) {
        const global = new RegExp(pattern.source, 'g');
        for (const match of text.matchAll(global))
          problems.push(`${file}:${lineOf(text, match.index)}: "${match[0]}": ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('name docs/ and queries/ paths that exist, with their sections', () => {
    const problems = TEXT_FILES.filter((file) => file !== SELF).flatMap((file) => repoPathProblems(file, read(file)));
    expect(problems).toEqual([]);
  });

  it('link Markdown pages that exist, with their sections', () => {
    const problems = TEXT_FILES.filter((file) => file.endsWith('.md') && !file.startsWith('test/fixtures/')).flatMap(
      (file) => markdownLinkProblems(file, read(file)),
    );
    expect(problems).toEqual([]);
  });

  it('name only Markdown files of the repository in code, SQL, tests and benchmarks', () => {
    const code = TEXT_FILES.filter(
      (file) => /^(src|queries|test|bench|bin)\//.test(file) && !file.startsWith('test/fixtures/') && file !== SELF,
    );
    const problems = code.flatMap((file) => markdownNameProblems(file, read(file)));
    expect(problems).toEqual([]);
  });
});

describe("README's layout table", () => {
  const listed = layoutFolders(read('README.md'));

  it('lists every folder of src/', () => {
    const folders = [
      ...new Set(
        FILES.filter((f) => f.startsWith('src/') && f.split('/').length > 2).map((f) => `src/${f.split('/')[1]}/`),
      ),
    ];
    expect(folders.length).toBeGreaterThan(5);
    expect(folders.filter((folder) => !listed.includes(folder))).toEqual([]);
  });

  it('lists every top-level folder (itself or its folders)', () => {
    const folders = [
      ...new Set(FILES.filter((f) => f.includes('/') && !f.startsWith('.')).map((f) => `${f.split('/')[0]}/`)),
    ];
    expect(folders.filter((folder) => !listed.some((entry) => entry.startsWith(folder)))).toEqual([]);
  });

  it('lists only folders that exist', () => {
    expect(listed.filter((folder) => !FOLDER_SET.has(folder.replace(/\/$/, '')))).toEqual([]);
  });
});

describe("README's summary of the input contract", () => {
  it('has every table with the key and the required columns of src/ingest/contracts.ts', () => {
    const rows = tableRows(read('README.md'), '## Input contract (in brief)');
    const names = (text: string) =>
      text
        .replace(/\(.*?\)/g, '')
        .replace(/`/g, '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
    const summary = new Map(rows.map(([table, key, required]) => [table!, { key: key!, required: names(required!) }]));
    const expected = new Map(
      TABLE_NAMES.map((table) => {
        const contract = CONTRACTS[table];
        const key = contract.key.length > 0 ? contract.key.join(' + ') : `(replaced per ${contract.replaceBy})`;
        return [table as string, { key, required: contract.columns.filter((c) => c.required).map((c) => c.name) }];
      }),
    );
    expect(summary).toEqual(expected);
  });
});

describe('the docs keep up with the code', () => {
  it('docs/metrics.md has every measure of src/metrics/measures.ts', () => {
    const page = read('docs/metrics.md');
    expect(MEASURES.map((m) => m.name).filter((name) => !page.includes(`\`${name}\``))).toEqual([]);
  });

  it('docs/anomaly-rules.md has every rule, each setting and its default', () => {
    const page = read('docs/anomaly-rules.md');
    const defaults = anomalySettingsSchema.parse({}) as Record<string, Record<string, unknown>>;
    const problems: string[] = [];
    for (const { name } of RULES) {
      const section = sectionOf(page, `### ${name}`);
      if (!section) {
        problems.push(`no section "### ${name}"`);
        continue;
      }
      for (const [key, value] of Object.entries(defaults[name]!)) {
        if (key === 'enabled') continue;
        const shown = Array.isArray(value) ? value.join(', ') : String(value);
        if (!section.includes(`| \`${key}\` | ${shown} |`))
          problems.push(`${name}: no row "| \`${key}\` | ${shown} |"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('docs/README.md lists every page of docs/', () => {
    const index = read('docs/README.md');
    const pages = FILES.filter((f) => /^docs\/.+\.md$/.test(f) && f !== 'docs/README.md').map((f) =>
      f.slice('docs/'.length),
    );
    expect(
      pages.filter((page) => !index.includes(`](${page})`) && !index.includes(`](${posix.dirname(page)}/README.md)`)),
    ).toEqual([]);
  });

  it('docs/cli.md has every subcommand', () => {
    const page = read('docs/cli.md');
    const dir = join(ROOT, 'src/cli/commands');
    const names = readdirSync(dir).flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/\.command\('([\w-]+)'\)/g)].map((m) => m[1]!),
    );
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => sectionOf(page, `### ${name}`) === null)).toEqual([]);
  });

  it('docs/reports.md has every report and every query it names', () => {
    const page = read('docs/reports.md');
    const missing: string[] = [];
    for (const file of FILES.filter((f) => /^reports\/[^/]+\.json$/.test(f))) {
      const layout = JSON.parse(read(file)) as { file: string; queries: Record<string, string> };
      if (!page.includes(`## ${layout.file}`)) missing.push(`${file}: no section "## ${layout.file}"`);
      for (const query of Object.values(layout.queries)) {
        if (!page.includes(`queries/reports/${query}`)) missing.push(`${file}: queries/reports/${query}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
