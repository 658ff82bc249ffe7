/**
 * The generator in-process (the CLI tests run it through `callq generate`): the same options
 * give the same centre, the centre is the size and span asked for, its labels name the
 * twelve rules, and it is written as the files and phone-system exports the load reads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/anomalies/rules.ts';
import { generateDataset } from '../../src/generate/generate-dataset.ts';
import { formatDay, formatTimestamp } from '../../src/generate/local-time.ts';
import { writeSourceExports } from '../../src/generate/sources/index.ts';
import type { GenerateOptions } from '../../src/generate/world.ts';
import { writeDataset } from '../../src/generate/write-dataset.ts';
import { TABLE_NAMES, type TableName } from '../../src/ingest/contracts.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';

const formats = Object.fromEntries(TABLE_NAMES.map((t) => [t, t === 'segments' ? 'parquet' : 'csv'])) as Record<
  TableName,
  'csv' | 'parquet'
>;
const OPTIONS: GenerateOptions = { seed: 7, days: 10, agents: 8, end: '2026-11-21', formats };
const centre = generateDataset(OPTIONS);
const tmp = tempDir('callq-generate-dataset-');
afterAll(() => tmp.cleanup());

describe('generateDataset', () => {
  it('gives the same centre for the same options and another for another seed', () => {
    expect(generateDataset(OPTIONS)).toEqual(centre);
    expect(generateDataset({ ...OPTIONS, seed: 8 }).data.calls).not.toEqual(centre.data.calls);
  });

  it('has the agents asked for and calls on every one of the 10 days up to the end', () => {
    expect(centre.data.agents).toHaveLength(8);
    // 10 days ending 2026-11-21: the 12th to the 21st, local time (Asia/Shanghai).
    expect(centre.config.timezone).toBe('Asia/Shanghai');
    const days = new Set(centre.data.calls.map((c) => formatTimestamp(c.started).slice(0, 10)));
    expect([...days].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `2026-11-${12 + i}`));
  });

  it('labels only the twelve rules, on days of the data', () => {
    const rules = new Set<string>(RULES.map((r) => r.name));
    expect(centre.labels.length).toBeGreaterThan(0);
    expect(centre.labels.filter((l) => !rules.has(l.rule))).toEqual([]);
    const labelDays = centre.labels.flatMap((l) => (l.day === null ? [] : [formatDay(l.day)]));
    expect(labelDays.filter((d) => d < '2026-11-12' || d > '2026-11-21')).toEqual([]);
  });
});

describe('writeDataset and writeSourceExports', () => {
  it('write one file per table in its format, the config and the labels', async () => {
    const dir = tmp.path('files');
    const written = await writeDataset(dir, centre.data, centre.labels, OPTIONS, centre.config);
    expect(written.map((w) => w.name)).toEqual([...TABLE_NAMES.map((t) => `${t}.${formats[t]}`), 'anomaly_labels.csv']);
    expect(readdirSync(dir).sort()).toEqual([...written.map((w) => w.name), 'callq.config.json'].sort());
    // One row an agent, one a label; the CSV has a header line more.
    expect(written.find((w) => w.name === 'agents.csv')!.rows).toBe(8);
    expect(readFileSync(join(dir, 'agents.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(9);
    expect(written.at(-1)!.rows).toBe(centre.labels.length);
    expect(JSON.parse(readFileSync(join(dir, 'callq.config.json'), 'utf8'))).toEqual(centre.config);
  });

  it('write the phone-system exports asked for, and only those', () => {
    const dir = tmp.path('sources');
    const exports = writeSourceExports(dir, centre, ['asterisk-cdr', 'contact-lens']);
    expect(exports.map((e) => e.dir)).toEqual([join('sources', 'asterisk-cdr'), join('sources', 'contact-lens')]);
    for (const e of exports) {
      expect(e.calls).toBeGreaterThan(0);
      expect(readdirSync(join(dir, e.dir))).toHaveLength(e.files);
    }
    expect(existsSync(join(dir, 'sources', 'asterisk-queue-log'))).toBe(false);
  });
});
