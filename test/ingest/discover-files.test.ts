/** discoverFiles: a folder's input files in load order; other files are listed as ignored. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/ingest/discover-files.ts';
import { tempDir } from './ingest-fixtures.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('discoverFiles', () => {
  it('orders by table dependency, then by name (dated files by date); skips folders and other files', () => {
    const names = [
      'segments.parquet',
      'calls-2026-11-21.csv',
      'calls-2026-11-20.csv',
      'audits.jsonl',
      'audit_items.csv',
      'agents.csv',
      'callq.config.json',
      'anomaly_labels.csv',
      'notes.txt',
    ];
    for (const name of names) writeFileSync(tmp.path(name), '');
    mkdirSync(tmp.path('calls-archive.csv'));
    const { files, ignored } = discoverFiles(tmp.dir);
    expect(files.map((f) => [f.table, f.path.slice(tmp.dir.length + 1), f.format])).toEqual([
      ['agents', 'agents.csv', 'csv'],
      ['calls', 'calls-2026-11-20.csv', 'csv'],
      ['calls', 'calls-2026-11-21.csv', 'csv'],
      ['segments', 'segments.parquet', 'parquet'],
      ['audit_items', 'audit_items.csv', 'csv'],
      ['audits', 'audits.jsonl', 'jsonl'],
    ]);
    expect(ignored).toEqual(['anomaly_labels.csv', 'callq.config.json', 'notes.txt']);
  });
});
