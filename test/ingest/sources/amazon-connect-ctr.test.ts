/**
 * amazon-connect-ctr: the fixture cases under test/fixtures/sources/amazon-connect-ctr, each
 * with rows and figures worked out by hand from Amazon Connect's contact record definitions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFiles } from '../../../src/ingest/discover-files.ts';
import { tempDir } from '../ingest-fixtures.ts';
import { caseDir, checkCase, expectCalls, inCaseDb, loadSource, readExpected, type ExpectedCase } from './source-cases.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const FIREHOSE_FIRST = 'connect-ctr-stream-1-2026-11-20-09-10-03-5d1c2a7e-0000-4000-8000-00000000f001';

describe('amazon-connect-ctr', () => {
  it.each(['jsonl', 'firehose', 'array'])('%s: voice legs, skipped contacts and the day\'s figures as worked out by hand', async (name) => {
    await checkCase('amazon-connect-ctr', caseDir('amazon-connect-ctr', name));
  });
});

describe('amazon-connect-ctr bad input', () => {
  const dir = caseDir('amazon-connect-ctr', 'bad');
  const expected = readExpected<ExpectedCase>(dir);

  it('JSON Lines: a record cut off on line 3 is a reject naming that line; the other records load', async () => {
    const file = join(dir, 'ctr-truncated.jsonl');
    const { files } = readExpected<{ files: Record<string, { if_loaded_with_line_rejects: { calls: Record<string, unknown>[] } }> }>(dir);
    await inCaseDb(expected, async (db) => {
      const [result] = await loadSource(db, 'amazon-connect-ctr', [file], expected);
      expect(await db.queryJs('select file, line, reason from rejects')).toEqual([
        { file, line: 3n, reason: 'not a JSON object (a truncated or malformed record)' },
      ]);
      expect(result).toMatchObject({ rows: 4, loaded: 3, rejected: 1 });
      await expectCalls(db, files['ctr-truncated.jsonl']!.if_loaded_with_line_rejects.calls);
    });
  });

  it('Firehose objects: a record cut off at the end of the file refuses the file, naming the line the record starts on', async () => {
    const file = tmp.path('connect-ctr-stream-cut');
    const whole = readFileSync(join(caseDir('amazon-connect-ctr', 'firehose'), FIREHOSE_FIRST), 'utf8');
    const cut = whole.slice(0, whole.lastIndexOf('"Agent"'));
    writeFileSync(file, cut);
    const startLine = cut.slice(0, cut.lastIndexOf('{"AWSContactTraceRecordFormatVersion"')).split('\n').length;
    await inCaseDb(expected, async (db) => {
      await expect(loadSource(db, 'amazon-connect-ctr', [file], expected)).rejects.toThrow(
        new RegExp(`^${file}: line ${startLine}: record \\d+ is cut off \\(the file ends inside it: truncated in transfer\\?\\)$`),
      );
      expect(await db.queryJs('select count(*) as n from calls')).toEqual([{ n: 0n }]);
      expect(await db.queryJs('select count(*) as n from load_log')).toEqual([{ n: 0n }]);
    });
  });

  it('refuses a Contact Lens file given as contact records, naming the file, line 1 and the source to use', () => {
    const file = join(dir, 'contact-lens-given-as-ctr.json');
    expect(() => sourceFiles('amazon-connect-ctr', [file])).toThrow(
      `${file}: line 1: not Amazon Connect contact records (JSON Lines, Firehose objects or a JSON array) (--source amazon-connect-ctr); it looks like Amazon Connect Contact Lens post-call analysis files (one JSON document per contact): load it with --source contact-lens`,
    );
  });
});
