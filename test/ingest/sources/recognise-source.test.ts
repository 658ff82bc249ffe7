/**
 * Recognising a phone system's export by its content: each fixture is claimed by exactly its
 * own adapter, canonical files and other files by none, and `callq load DIR` says which
 * source it chose for each file and lists what it left out.
 */
import { cpSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHead } from '../../../src/ingest/read-source.ts';
import { recogniseSource } from '../../../src/ingest/sources/registry.ts';
import { SOURCE_NAMES } from '../../../src/ingest/sources/source-adapter.ts';
import { tempDir } from '../ingest-fixtures.ts';
import { runCli } from '../../util/run-cli.ts';
import { SOURCES_DIR } from './source-cases.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('recogniseSource', () => {
  const inputs = filesUnder(SOURCES_DIR).filter(
    (path) => !path.endsWith('expected.json') && !path.includes('given-as'),
  );

  it.each(SOURCE_NAMES)('claims every %s fixture for that source alone', (source) => {
    const own = inputs.filter((path) => path.startsWith(join(SOURCES_DIR, source)));
    expect(own.length).toBeGreaterThan(0);
    for (const path of own)
      expect(
        recogniseSource(readHead(path)).map((a) => a.name),
        path,
      ).toEqual([source]);
  });

  it('claims no canonical file, no expected.json and no config', () => {
    const others = [
      ...filesUnder(join(import.meta.dirname, '../../../sample-data')).filter((path) => !path.endsWith('.parquet')),
      ...filesUnder(join(import.meta.dirname, '../../fixtures/ingest')),
      join(SOURCES_DIR, 'asterisk-cdr', 'master21', 'expected.json'),
    ];
    for (const path of others) expect(recogniseSource(readHead(path)), path).toEqual([]);
  });
});

describe('callq load DIR without --source', () => {
  it('reads each export with the source its content has, says so, and lists the files it left out', async () => {
    const dir = tmp.path('mixed');
    cpSync(join(SOURCES_DIR, 'asterisk-queue-log', 'basic', 'queue_log'), join(dir, 'queue_log'), { recursive: true });
    cpSync(join(SOURCES_DIR, 'asterisk-cdr', 'master21', 'Master.csv'), join(dir, 'Master.csv'));
    writeFileSync(join(dir, 'notes.txt'), 'exported by the night shift\n');
    const config = tmp.path('config.json');
    writeFileSync(config, JSON.stringify({ timezone: 'Asia/Shanghai' }));
    const run = await runCli(
      '--db',
      tmp.path('mixed.duckdb'),
      '--config',
      config,
      'load',
      dir,
      '--rejects',
      tmp.path('rejects.csv'),
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      `not loaded (not named after a table, and not a format callq recognises): ${join(dir, 'notes.txt')}`,
    );
    expect(lines).toContain('Master.csv: read as asterisk-cdr (recognised by its content)');
    expect(lines).toContain('queue_log: read as asterisk-queue-log (recognised by its content)');
  });
});
