/**
 * Every model file states what it computes, its grain and its sources in its header, and
 * the `unique:` and `not null:` checks it declares hold on the multi-day history. Every
 * measure column of the marts has a definition in MEASURES (the glossary's source), and
 * every definition names a column that exists.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { QUERIES_DIR, readQuery } from '../../src/db/sql-files.ts';
import { ensureSchema } from '../../src/ingest/canonical-schema.ts';
import { MEASURES } from '../../src/metrics/measures.ts';
import { DERIVED_TABLES, MODELS, STAGING_MODELS } from '../../src/metrics/models.ts';
import { compute } from './metrics-fixture.ts';
import { LAST_DAY, createHistory, loadThrough } from './history-fixture.ts';

const LAYERS = ['staging', 'intermediate', 'facts', 'aggregates', 'marts'];
const MARTS = MODELS.filter((m) => m.file.startsWith('marts/')).map((m) => m.name);
/** Keys and dimensions of the marts: not measures. */
const DIMENSIONS = new Set([
  'agent_id',
  'team',
  'queue',
  'day',
  'window_start',
  'breakdown',
  'lead_grade',
  'hour',
  'section',
]);

interface Header {
  grain?: string;
  from?: string;
  unique: string[];
  notNull: string[];
}

function header(file: string): Header {
  const comment = readQuery(file)
    .split('\n')
    .filter((line) => line.startsWith('--'))
    .map((line) => line.replace(/^--\s?/, ''));
  const field = (name: string) =>
    comment
      .find((line) => line.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  const list = (name: string) =>
    (field(name) ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
  return { grain: field('grain'), from: field('from'), unique: list('unique'), notNull: list('not null') };
}

const modelFiles = LAYERS.flatMap((layer) =>
  readdirSync(join(QUERIES_DIR, layer))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => ({ name: f.slice(0, -4), file: `${layer}/${f}` })),
);

let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:', { timezone: 'Asia/Shanghai' });
  await ensureSchema(db);
  await createHistory(db);
  await loadThrough(db, LAST_DAY);
  await compute(db, { keepIntermediate: true });
});

afterAll(() => db.close());

describe('model files', () => {
  it('are all run by compute, one model per file named after it', () => {
    const run = [...STAGING_MODELS, ...MODELS].map((m) => m.file).sort();
    expect(modelFiles.map((m) => m.file).sort()).toEqual(run);
  });

  it.each(modelFiles)('$file states its grain and sources', ({ file }) => {
    const h = header(file);
    expect(h.grain, 'grain:').toBeTruthy();
    expect(h.from, 'from:').toBeTruthy();
  });

  it.each(modelFiles)('$file holds its unique and not-null checks', async ({ name, file }) => {
    const { unique, notNull } = header(file);
    expect(Number(await db.scalar(`select count(*) from ${name}`)), 'the history fills it').toBeGreaterThan(0);
    if (unique.length > 0) {
      const keys = unique.join(', ');
      const duplicates = await db.scalar(
        `select count(*) from (select ${keys} from ${name} group by all having count(*) > 1)`,
      );
      expect(Number(duplicates), `duplicate ${keys}`).toBe(0);
    }
    for (const column of notNull) {
      expect(Number(await db.scalar(`select count(*) from ${name} where ${column} is null`)), `${column} null`).toBe(0);
    }
  });
});

describe('MEASURES', () => {
  it('names each measure once', () => {
    const names = MEASURES.map((m) => m.name);
    expect(names.length).toBe(new Set(names).size);
    for (const m of MEASURES) expect(m.en && m.zh && m.unit, m.name).toBeTruthy();
  });

  it('defines every measure column of the marts', async () => {
    const defined = new Set(MEASURES.map((m) => m.name));
    for (const mart of MARTS) {
      const columns = await db.query<{ column_name: string }>(
        "select column_name from duckdb_columns() where table_name = $1 and database_name <> 'temp'",
        [mart],
      );
      const undefinedMeasures = columns.map((c) => c.column_name).filter((c) => !DIMENSIONS.has(c) && !defined.has(c));
      expect(undefinedMeasures, mart).toEqual([]);
    }
  });

  it('defines only columns that exist in a derived table', async () => {
    const columns = await db.query<{ column_name: string }>(
      `select distinct column_name from duckdb_columns()
       where table_name in (${DERIVED_TABLES.map((t) => `'${t}'`).join(', ')}) and database_name <> 'temp'`,
    );
    const existing = new Set(columns.map((c) => c.column_name));
    expect(MEASURES.map((m) => m.name).filter((name) => !existing.has(name))).toEqual([]);
  });
});
