/**
 * discoverFiles and sourceFiles: a folder's input files in load order; other files are
 * listed as ignored, and exports that hold nothing as empty.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles, sourceFiles, WrongSourceError } from '../../src/ingest/discover-files.ts';
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
    for (const name of names) writeFileSync(tmp.path(name), name.endsWith('.json') ? '{}\n' : 'x\n');
    mkdirSync(tmp.path('calls-archive.csv'));
    const { files, ignored, empty } = discoverFiles(tmp.dir);
    expect(files.map((f) => [f.table, f.path.slice(tmp.dir.length + 1), f.format])).toEqual([
      ['agents', 'agents.csv', 'csv'],
      ['calls', 'calls-2026-11-20.csv', 'csv'],
      ['calls', 'calls-2026-11-21.csv', 'csv'],
      ['segments', 'segments.parquet', 'parquet'],
      ['audit_items', 'audit_items.csv', 'csv'],
      ['audits', 'audits.jsonl', 'jsonl'],
    ]);
    expect(ignored).toEqual(['anomaly_labels.csv', 'callq.config.json', 'notes.txt']);
    expect(empty).toEqual([]);
  });

  it('an empty file not named after a table is listed as empty; one named after a table is still a file', () => {
    const dir = tmp.path('with-empty');
    mkdirSync(dir);
    writeFileSync(`${dir}/queue_log`, '');
    writeFileSync(`${dir}/calls.csv`, '');
    const { files, ignored, empty } = discoverFiles(dir);
    expect(files.map((f) => f.path.slice(dir.length + 1))).toEqual(['calls.csv']);
    expect(ignored).toEqual([]);
    expect(empty).toEqual(['queue_log']);
  });
});

describe('sourceFiles: an export that holds nothing', () => {
  const log = '1795136100|NONE|NONE|NONE|QUEUESTART|\n';
  const dir = tmp.path('logs');
  mkdirSync(`${dir}/rotated`, { recursive: true });
  writeFileSync(`${dir}/queue_log`, '');
  writeFileSync(`${dir}/queue_log.1`, log);
  writeFileSync(`${dir}/rotated/queue_log.2`, ' \r\n\n');
  writeFileSync(`${dir}/rotated/queue_log.3.gz`, gzipSync(''));
  writeFileSync(`${dir}/rotated/ctr.json`, '\uFEFF[ ]\n');
  writeFileSync(`${dir}/README`, 'logs of the PBX\n');
  // As much white space as an empty export never holds: not taken for empty.
  writeFileSync(`${dir}/spaces`, ' '.repeat(70_000));

  it('is listed as empty, in a folder or named: neither loaded nor refused', () => {
    const found = sourceFiles('asterisk-queue-log', [dir]);
    expect(found.files.map((f) => f.path)).toEqual([`${dir}/queue_log.1`]);
    expect(found.empty).toEqual([
      `${dir}/queue_log`,
      `${dir}/rotated/ctr.json`,
      `${dir}/rotated/queue_log.2`,
      `${dir}/rotated/queue_log.3.gz`,
    ]);
    expect(found.ignored).toEqual([`${dir}/README`, `${dir}/spaces`]);
    const named = sourceFiles('asterisk-queue-log', [`${dir}/queue_log`]);
    expect(named).toEqual({ files: [], ignored: [], empty: [`${dir}/queue_log`] });
  });

  it('a named file of white space past what an empty export holds is refused as not of the format', () => {
    expect(() => sourceFiles('asterisk-queue-log', [`${dir}/spaces`])).toThrow(WrongSourceError);
  });
});

describe('a file named .gz that holds no gzip data', () => {
  it('is refused naming the file, in a folder too (zlib says only "incorrect header check")', () => {
    const folder = tmp.path('broken-gz');
    mkdirSync(folder);
    writeFileSync(`${folder}/queue_log.4.gz`, '1795136100|NONE|NONE|NONE|QUEUESTART|\n');
    const message = `${folder}/queue_log.4.gz: cannot read the file (broken gzip data: incorrect header check)`;
    expect(() => sourceFiles('asterisk-queue-log', [folder])).toThrow(message);
    expect(() => discoverFiles(folder)).toThrow(message);
  });
});
