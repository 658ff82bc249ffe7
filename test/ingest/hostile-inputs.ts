/**
 * Helpers for the hostile-input corpus (test/fixtures/hostile/, run by
 * hostile-corpus.test.ts): the inputs too big to commit or with names Windows cannot hold,
 * written at run time into the case's copy; the expected.json shape; and a CSV parser for
 * reading rejects.csv back exactly as written (no DuckDB between the file and the check).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES } from '../../src/ingest/contracts.ts';

export type Outcome = 'loaded' | 'rejected' | 'refused';

export interface ExpectedReject {
  /** The 1-based line the reject names. */
  line: number;
  /** The column it names: omitted, not checked; null, must be null (a whole-record reject). */
  column?: string | null;
  /** Regex (case-insensitive) the reason must match. */
  reason_matches: string;
  /** Basename of the file, when a case loads several. */
  file?: string;
  /** The cell as the rejects table must hold it. */
  value?: string;
  /** The cell as rejects.csv must show it (formula cells get a leading apostrophe). */
  csv_value?: string;
}

export interface Expected {
  tries: string;
  outcome: Outcome;
  exit: 0 | 1 | 2 | 3;
  /** Canonical rows this load left, per table (a table not named: 0). */
  rows: Record<string, number>;
  rejects: ExpectedReject[];
  /** Regex (case-insensitive) for callq's stderr: the one line of a refusal, or each line of an exit 3. */
  error_matches?: string;
  /** Refused: the database holds exactly what it held before. */
  unchanged?: boolean;
  /** Files (in the case folder) named on the command line; default: the folder itself. */
  load?: string[];
  /** The name of the folder the case's files are copied into and loaded from (default: input). */
  folder?: string;
  /** Some inputs are written at run time by GENERATED[case]. */
  generated?: boolean;
  /** Cells that must be stored exactly: `select column::varchar from table where ...` (timestamps in UTC). */
  stored?: Array<{ table: string; where: Record<string, string>; column: string; value: string }>;
  /** load_log rows of named files (basenames). */
  load_log?: Array<{ file: string; rows: number; loaded: number; rejected: number }>;
  /** Per-case time limit (default 60 s). */
  timeout_s?: number;
}

const KEYS = new Set([
  'tries',
  'outcome',
  'exit',
  'rows',
  'rejects',
  'error_matches',
  'unchanged',
  'load',
  'folder',
  'generated',
  'stored',
  'load_log',
  'timeout_s',
]);

/** Parses and checks a case's expected.json: a typo in a key must not silently check nothing. */
export function parseExpected(name: string, text: string): Expected {
  const e = JSON.parse(text) as Expected;
  const unknown = Object.keys(e).filter((k) => !KEYS.has(k));
  const problems: string[] = unknown.map((k) => `unknown key ${k}`);
  if (typeof e.tries !== 'string' || e.tries.length === 0) problems.push('tries: one sentence');
  if (!['loaded', 'rejected', 'refused'].includes(e.outcome)) problems.push(`outcome ${String(e.outcome)}`);
  if (![0, 1, 2, 3].includes(e.exit)) problems.push(`exit ${String(e.exit)}`);
  if (typeof e.rows !== 'object' || e.rows === null) problems.push('rows: an object');
  if (!Array.isArray(e.rejects)) problems.push('rejects: a list');
  const tables: readonly string[] = TABLE_NAMES;
  for (const table of [...Object.keys(e.rows ?? {}), ...(e.stored ?? []).map((s) => s.table)]) {
    if (!tables.includes(table)) problems.push(`${table} is no canonical table`);
  }
  if (e.outcome === 'refused' && (e.unchanged !== true || !e.error_matches || e.exit === 0))
    problems.push('refused: needs unchanged, error_matches and a failing exit');
  if (e.outcome === 'refused' && (e.rejects.length > 0 || Object.values(e.rows).some((n) => n !== 0)))
    problems.push('refused: no rows and no rejects');
  if (e.outcome === 'loaded' && e.rejects.length > 0) problems.push('loaded: no rejects (use "rejected")');
  if (e.outcome === 'rejected' && e.rejects.length === 0) problems.push('rejected: list the rejects');
  if (problems.length > 0) throw new Error(`test/fixtures/hostile/${name}/expected.json: ${problems.join('; ')}`);
  return e;
}

const T0 = '2026-11-20 10:00:00';
const T1 = '2026-11-20 10:05:00';
const HEADER = 'call_id,direction,started_at,ended_at';
const call = (id: string) => `${id},inbound,${T0},${T1}`;
const write = (dir: string, name: string, lines: readonly string[]) =>
  writeFileSync(join(dir, name), `${lines.join('\n')}\n`);

/** Inputs written at run time, per case, into the folder the case loads from. */
export const GENERATED: Record<string, (dir: string) => void> = {
  'glob-star-and-question-mark-in-file-name': (dir) => {
    write(dir, 'calls-*.csv', [HEADER, call('H-STAR')]);
    write(dir, 'calls-?.csv', [HEADER, call('H-QUESTION')]);
    write(dir, 'calls-1.csv', [HEADER, call('H-ONE')]);
  },
  'glob-characters-in-folder-name': (dir) => {
    // A sibling the folder's name matches as a glob.
    const sibling = join(dir, '..', 'exports-a');
    mkdirSync(sibling, { recursive: true });
    write(sibling, 'calls.csv', [HEADER, call('H-SIBLING')]);
  },
  'sql-in-file-name': (dir) => {
    write(dir, 'calls-"; drop table calls; --.csv', [HEADER, call('H3')]);
  },
  '100k-columns-header': (dir) => {
    const extra = Array.from({ length: 100_000 - 4 }, (_, i) => `x${String(i + 5).padStart(6, '0')}`);
    write(dir, 'calls.csv', [[HEADER, ...extra].join(','), [call('H1'), ...extra.map(() => '1')].join(',')]);
  },
  'three-megabyte-cell': (dir) => {
    write(dir, 'calls.csv', [
      'call_id,direction,queue,started_at,ended_at',
      `H1,inbound,${'q'.repeat(3 * 1024 * 1024)},${T0},${T1}`,
      `H2,inbound,billing,${T0},${T1}`,
    ]);
  },
  'one-and-a-half-megabyte-cell': (dir) => {
    write(dir, 'calls.csv', [
      'call_id,direction,queue,started_at,ended_at',
      `H1,inbound,${'q'.repeat(1.5 * 1024 * 1024)},${T0},${T1}`,
      `H2,inbound,billing,${T0},${T1}`,
    ]);
  },
  'three-megabyte-cell-in-json-line': (dir) => {
    const line = (id: string, queue: string) =>
      JSON.stringify({ call_id: id, direction: 'inbound', queue, started_at: T0, ended_at: T1 });
    write(dir, 'calls.jsonl', [line('H1', 'billing'), line('H2', 'q'.repeat(3 * 1024 * 1024)), line('H3', 'billing')]);
  },
  'deeply-nested-json': (dir) => {
    const depth = 100_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const line = (id: string) => JSON.stringify({ call_id: id, direction: 'inbound', started_at: T0, ended_at: T1 });
    write(dir, 'calls.jsonl', [`${line('H1').slice(0, -1)},"x":${nested}}`, line('H2')]);
  },
};

/** RFC 4180 CSV (quotes doubled inside quoted fields; CRLF or LF); every field as text. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
