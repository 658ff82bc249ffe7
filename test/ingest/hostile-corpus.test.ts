/**
 * The hostile-input corpus (issue #10): test/fixtures/hostile/<case>/ holds what a hostile
 * or careless exporter produces (glob characters and SQL in names, NUL bytes, offsets past
 * ±14:00, year 10000, duplicated headers, mixed encodings, huge cells, gzip bombs ...) and
 * expected.json, which says what `callq load` must make of it (the shape is Expected in
 * hostile-inputs.ts; its regexes are matched ignoring case).
 *
 * Each case runs on a fresh database that already holds a small baseline load (so a
 * refusal can be seen to leave it exactly as it was, and a statement smuggled in through a
 * name would have something to destroy). The case's files are copied to a temp folder
 * (plus any written at run time) and loaded with `callq load`, config
 * {"timezone": "Asia/Shanghai"}, `--rejects` into the temp folder. Then: the exit code;
 * stderr (empty on exit 0; the one error line of a refusal; each line of an exit 3); the
 * canonical rows the load left per table; the baseline rows untouched; the rejects (table
 * and rejects.csv, cell for cell, formula cells with their apostrophe); cells stored
 * exactly; load_log rows; and, for a refusal, every canonical table, load_log and rejects
 * as they were before.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, type Row } from '../../src/db/database.ts';
import { TABLE_NAMES } from '../../src/ingest/contracts.ts';
import { spreadsheetSafe } from '../../src/files/spreadsheet-safe.ts';
import { tempDir, writeLines } from './ingest-fixtures.ts';
import { runCli } from '../util/run-cli.ts';
import { GENERATED, parseCsv, parseExpected, type Expected } from './hostile-inputs.ts';

const ROOT = join(import.meta.dirname, '../fixtures/hostile');
const CASES = readdirSync(ROOT)
  .filter((name) => statSync(join(ROOT, name)).isDirectory())
  .sort();
const expectations = new Map(
  CASES.map((name) => [name, parseExpected(name, readFileSync(join(ROOT, name, 'expected.json'), 'utf8'))]),
);

const tmp = tempDir('callq-hostile-');
const config = tmp.path('config.json');
const baselineDb = tmp.path('baseline/callq.duckdb');
/** The highest load_id of the baseline: rows above it are the case's. */
let baseMax = 0;

beforeAll(async () => {
  writeFileSync(config, JSON.stringify({ timezone: 'Asia/Shanghai' }));
  const input = tmp.path('baseline/input');
  mkdirSync(input, { recursive: true });
  writeLines(join(input, 'agents.csv'), ['agent_id,name,team', 'BASE-A1,Base Agent,north']);
  writeLines(join(input, 'calls.csv'), [
    'call_id,direction,agent_id,started_at,ended_at',
    'BASE-C1,inbound,BASE-A1,2026-11-19 09:00:00,2026-11-19 09:05:00',
    'BASE-C2,outbound,BASE-A1,2026-11-19 10:00:00,2026-11-19 10:02:00',
  ]);
  writeLines(join(input, 'segments.csv'), [
    'call_id,speaker,start_ms,end_ms',
    'BASE-C1,agent,0,4000',
    'BASE-C1,customer,4000,9000',
  ]);
  const loaded = await runCli(
    '--db',
    baselineDb,
    '--config',
    config,
    'load',
    input,
    '--rejects',
    tmp.path('baseline/rejects.csv'),
  );
  if (loaded.code !== 0) throw new Error(`baseline load failed: ${loaded.stderr}`);
  baseMax = await inDb(baselineDb, async (db) => Number(await db.scalar('select max(load_id) from load_log')));
});
afterAll(() => tmp.cleanup());

async function inDb<T>(path: string, fn: (db: Database) => Promise<T>): Promise<T> {
  // UTC, so that stored timestamps read back the same on any machine.
  const db = await Database.open(path, { timezone: 'UTC' });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

const TRACKED = [...TABLE_NAMES, 'load_log', 'rejects'];

/** Every canonical table, load_log and rejects, whole. */
async function snapshot(db: Database): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of TRACKED) out[table] = await db.query(`select * from "${table}" order by all`);
  return out;
}

/** The baseline's rows of every table (load_id up to baseMax). */
async function baselineRows(db: Database): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const table of TRACKED)
    out[table] = await db.query(`select * from "${table}" where load_id <= ${baseMax} order by all`);
  return out;
}

const re = (pattern: string) => new RegExp(pattern, 'i');
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Copies the case's input files (and writes its generated ones) into a fresh folder. */
function prepare(name: string, expected: Expected): { dir: string; input: string } {
  const dir = tmp.path(name);
  const input = join(dir, 'input', expected.folder ?? '');
  mkdirSync(input, { recursive: true });
  for (const file of readdirSync(join(ROOT, name))) {
    if (file !== 'expected.json') copyFileSync(join(ROOT, name, file), join(input, file));
  }
  const generate = GENERATED[name];
  if (Boolean(generate) !== Boolean(expected.generated))
    throw new Error(`${name}: "generated" in expected.json and GENERATED disagree`);
  generate?.(input);
  if (readdirSync(input).length === 0) throw new Error(`${name}: no input files`);
  // The baseline database (and its WAL, if DuckDB left one).
  for (const file of readdirSync(dirname(baselineDb))) {
    if (file.startsWith(basename(baselineDb))) copyFileSync(join(dirname(baselineDb), file), join(dir, file));
  }
  return { dir, input };
}

describe('hostile-input corpus', () => {
  it('has cases, each with inputs or a generator, and committed files under 200 KB', () => {
    expect(CASES.length).toBeGreaterThan(20);
    for (const name of Object.keys(GENERATED)) expect(CASES, `GENERATED names no case folder ${name}`).toContain(name);
    let total = 0;
    for (const name of CASES) {
      for (const file of readdirSync(join(ROOT, name))) {
        const size = statSync(join(ROOT, name, file)).size;
        total += size;
        expect(size, `${name}/${file}`).toBeLessThan(200 * 1024);
      }
    }
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  for (const name of CASES) {
    const expected = expectations.get(name)!;
    it(
      `${name}: ${expected.outcome}, exit ${expected.exit}`,
      async () => {
        const { dir, input } = prepare(name, expected);
        const db = join(dir, basename(baselineDb));
        const rejectsCsv = join(dir, 'out', 'rejects.csv');
        const before = await inDb(db, snapshot);
        const paths = expected.load ? expected.load.map((file) => join(input, file)) : [input];
        const result = await runCli('--db', db, '--config', config, 'load', ...paths, '--rejects', rejectsCsv);
        const said = `stdout: ${result.stdout.slice(0, 2000)}\nstderr: ${result.stderr.slice(0, 2000)}`;

        expect.soft(result.code, `exit code\n${said}`).toBe(expected.exit);
        const errors = result.stderr.split('\n').filter((line) => line !== '');
        if (expected.outcome === 'refused') {
          expect.soft(errors, `one error line\n${said}`).toHaveLength(1);
          expect.soft(errors[0] ?? '', `the error line\n${said}`).toMatch(re(expected.error_matches!));
        } else if (expected.error_matches) {
          expect.soft(errors.length, `stderr lines\n${said}`).toBeGreaterThan(0);
          for (const line of errors) expect.soft(line, 'stderr line').toMatch(re(expected.error_matches));
        } else {
          expect.soft(result.stderr, 'stderr').toBe('');
        }

        await inDb(db, async (conn) => {
          // No statement smuggled in through a name or a cell dropped anything.
          for (const table of TRACKED) expect(await conn.tableExists(table), `table ${table} exists`).toBe(true);

          const rows: Record<string, number> = {};
          const want: Record<string, number> = {};
          for (const table of TABLE_NAMES) {
            rows[table] = Number(await conn.scalar(`select count(*) from "${table}" where load_id > ${baseMax}`));
            want[table] = expected.rows[table] ?? 0;
          }
          expect.soft(rows, 'canonical rows of this load').toEqual(want);
          expect
            .soft(await baselineRows(conn), 'the baseline rows are untouched')
            .toEqual(await baselineRowsOf(before));
          if (expected.unchanged) expect.soft(await snapshot(conn), 'the database is as it was').toEqual(before);

          const rejects = await conn.query<{
            file: string;
            table: string;
            line: string | number | null;
            column: string | null;
            reason: string;
            value: string | null;
            raw: string | null;
          }>(
            `select file, "table", line, "column", reason, value, raw from rejects where load_id > ${baseMax} order by load_id, line, "column"`,
          );
          const shown = rejects.map(
            (r) => `${basename(r.file)}:${r.line} ${r.column ?? '-'} ${r.reason} [${(r.value ?? '').slice(0, 60)}]`,
          );
          const unmatched = [...rejects.keys()];
          const missing: string[] = [];
          for (const e of expected.rejects) {
            const at = unmatched.findIndex((i) => {
              const r = rejects[i]!;
              return (
                Number(r.line) === e.line &&
                (e.column === undefined || r.column === e.column) &&
                (e.file === undefined || basename(r.file) === e.file) &&
                re(e.reason_matches).test(r.reason) &&
                (e.value === undefined || r.value === e.value)
              );
            });
            if (at < 0) missing.push(JSON.stringify(e));
            else unmatched.splice(at, 1);
          }
          expect
            .soft({ missing, unexpected: unmatched.map((i) => shown[i]) }, `rejects (all: ${JSON.stringify(shown)})`)
            .toEqual({ missing: [], unexpected: [] });

          // rejects.csv: written when the load rejected something, each reject as in the
          // table, text cells that could run as formulas with a leading apostrophe.
          if (rejects.length === 0) {
            expect.soft(existsSync(rejectsCsv), 'no rejects.csv without rejects').toBe(false);
          } else if (!existsSync(rejectsCsv)) {
            expect.soft(existsSync(rejectsCsv), 'rejects.csv is written').toBe(true);
          } else {
            const [header, ...lines] = parseCsv(readFileSync(rejectsCsv, 'utf8'));
            expect
              .soft(header, 'rejects.csv header')
              .toEqual(['file', 'table', 'line', 'column', 'reason', 'value', 'raw']);
            const safe = (text: string | null) => (text === null ? '' : spreadsheetSafe(text));
            const fromTable = rejects.map((r) => [
              safe(r.file),
              r.table,
              String(r.line ?? ''),
              safe(r.column),
              safe(r.reason),
              safe(r.value),
              safe(r.raw),
            ]);
            const sortRows = (list: string[][]) =>
              [...list].sort((a, b) => Number(a[2]) - Number(b[2]) || a.join('\u0001').localeCompare(b.join('\u0001')));
            expect.soft(sortRows(lines), 'rejects.csv has the rejects, spreadsheet-safe').toEqual(sortRows(fromTable));
            for (const e of expected.rejects.filter((x) => x.csv_value !== undefined)) {
              const found = lines.filter(
                (l) => Number(l[2]) === e.line && (e.column === undefined || l[3] === e.column),
              );
              expect
                .soft(
                  found.map((l) => l[5]),
                  `rejects.csv value of line ${e.line}`,
                )
                .toContain(e.csv_value);
            }
          }

          for (const s of expected.stored ?? []) {
            const where = Object.keys(s.where).map((k, i) => `${quote(k)} = $${i + 1}`);
            const got = await conn.query<{ v: string | null }>(
              `select ${quote(s.column)}::varchar as v from ${quote(s.table)} where ${[...where, `load_id > ${baseMax}`].join(' and ')}`,
              Object.values(s.where),
            );
            expect
              .soft(
                got.map((r) => r.v),
                `${s.table}.${s.column} where ${JSON.stringify(s.where)}`,
              )
              .toEqual([s.value]);
          }

          for (const l of expected.load_log ?? []) {
            const got = await conn.query<{ rows: unknown; loaded: unknown; rejected: unknown }>(
              'select "rows", loaded, rejects as rejected from load_log where file = $1',
              [join(input, l.file)],
            );
            expect
              .soft(
                got.map((r) => ({ rows: Number(r.rows), loaded: Number(r.loaded), rejected: Number(r.rejected) })),
                `load_log of ${l.file}`,
              )
              .toEqual([{ rows: l.rows, loaded: l.loaded, rejected: l.rejected }]);
          }
        });
      },
      (expected.timeout_s ?? 60) * 1000,
    );
  }
});

/** The baseline part of a whole snapshot. */
async function baselineRowsOf(whole: Record<string, Row[]>): Promise<Record<string, Row[]>> {
  const out: Record<string, Row[]> = {};
  for (const [table, rows] of Object.entries(whole)) out[table] = rows.filter((r) => Number(r.load_id) <= baseMax);
  return out;
}
