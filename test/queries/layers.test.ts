/**
 * Layers hold: every SQL file under queries/ reads (from/join) only relations its layer may
 * read (test/queries/layer-rules.ts, queries/README.md). Checked on the real folder, and on
 * a copy with a planted raw read, which must fail.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSql, relationsRead } from '../../scripts/sql-tree.ts';
import { QUERIES_DIR, sqlFilesUnder } from '../../src/db/sql-files.ts';
import { KNOWN_LEAKS, type Layer, RELATION_LAYERS, SESSION_INPUTS } from './layer-rules.ts';

/** The reads that break the rules, as "<file>: <relation> (<why>)", known leaks left out. */
function layerViolations(queriesDir: string, knownLeaks = KNOWN_LEAKS): string[] {
  const files = sqlFilesUnder(queriesDir);
  const folderOf = (file: string) => dirname(file);
  const layerOf = (file: string) => file.split('/')[0] as Layer;
  const owner = new Map<string, (typeof RELATION_LAYERS)[number]>();
  for (const layer of RELATION_LAYERS) for (const name of layer.names) owner.set(name, layer);
  const problems: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    const ownFolder = new Set(
      files.filter((other) => folderOf(other) === folderOf(file)).map((other) => basename(other, '.sql')),
    );
    const leaks = new Set(knownLeaks[file] ?? []);
    const read = relationsRead(parseSql(readFileSync(join(queriesDir, file), 'utf8')));
    for (const name of [...read].sort()) {
      if (ownFolder.has(name) || SESSION_INPUTS[layer]?.includes(name)) continue;
      const relationLayer = owner.get(name);
      if (relationLayer?.readers.includes(layer)) continue;
      if (leaks.delete(name)) continue;
      const why = relationLayer ? `${relationLayer.what}; not read by ${layer}` : 'not in the layer table';
      problems.push(`${file}: ${name} (${why})`);
    }
    for (const gone of leaks) problems.push(`${file}: ${gone} is listed in KNOWN_LEAKS but no longer read: drop it`);
  }
  return problems;
}

describe('query layers', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('every file under queries/ reads only the layers it may read', () => {
    expect(layerViolations(QUERIES_DIR)).toEqual([]);
  });

  it('fails on a planted violation: a report reading the raw calls table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callq-layers-'));
    copies.push(dir);
    cpSync(QUERIES_DIR, dir, { recursive: true });
    const file = join(dir, 'reports/nightly/team_day.sql');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\n-- planted\n;select count(*) from calls join int_talk_listen using (call_id)\n`,
    );
    expect(layerViolations(dir)).toEqual([
      'reports/nightly/team_day.sql: calls (raw canonical tables (staging, source adapters and load bookkeeping only); not read by reports)',
      'reports/nightly/team_day.sql: int_talk_listen (intermediate models (facts, marts, the FCR refresh); not read by reports)',
    ]);
  });

  it('fails on an intermediate model reading a mart, and on an unknown relation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callq-layers-'));
    copies.push(dir);
    cpSync(QUERIES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'intermediate/int_planted.sql'), 'select * from agent_daily join nowhere using (day)\n');
    expect(layerViolations(dir)).toEqual([
      'intermediate/int_planted.sql: agent_daily (marts; not read by intermediate)',
      'intermediate/int_planted.sql: nowhere (not in the layer table)',
    ]);
  });
});
