/**
 * amazon-connect-ctr: the fixture cases under test/fixtures/sources/amazon-connect-ctr, each
 * with rows and figures worked out by hand from Amazon Connect's contact record definitions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFiles } from '../../../src/ingest/discover-files.ts';
import { tempDir } from '../ingest-fixtures.ts';
import {
  caseDir,
  checkCase,
  expectCalls,
  inCaseDb,
  loadSource,
  readExpected,
  type ExpectedCase,
} from './source-cases.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const FIREHOSE_FIRST = 'connect-ctr-stream-1-2026-11-20-09-10-03-5d1c2a7e-0000-4000-8000-00000000f001';

describe('amazon-connect-ctr', () => {
  it.each(['jsonl', 'firehose', 'array'])(
    "%s: voice legs, skipped contacts and the day's figures as worked out by hand",
    async (name) => {
      await checkCase('amazon-connect-ctr', caseDir('amazon-connect-ctr', name));
    },
  );
});

describe('amazon-connect-ctr across files', () => {
  it('a contact delivered again keeps the copy with the latest LastUpdateTimestamp, whichever file comes first', async () => {
    const [first] = readFileSync(join(caseDir('amazon-connect-ctr', 'jsonl'), 'ctr-2026-11-20.jsonl'), 'utf8').split(
      '\n',
    );
    const copy = (lastUpdate: string, username: string) => {
      const record = JSON.parse(first!);
      return `${JSON.stringify({ ...record, LastUpdateTimestamp: lastUpdate, Agent: { ...record.Agent, Username: username } })}\n`;
    };
    // The fixture's copy (updated 01:05:46Z, agent li.na); then an older copy (01:05:40Z), then a newer one (02:00:00Z).
    const files = [
      copy('2026-11-20T01:05:46Z', 'li.na'),
      copy('2026-11-20T01:05:40Z', 'old.copy'),
      copy('2026-11-20T02:00:00Z', 'new.copy'),
    ].map((text, i) => {
      const file = tmp.path(`redelivered-${i + 1}.jsonl`);
      writeFileSync(file, text);
      return file;
    });
    await inCaseDb({ timezone: 'Asia/Shanghai' }, async (db) => {
      const agentAfter = [];
      const superseded = [];
      for (const file of files) {
        const [result] = await loadSource(db, 'amazon-connect-ctr', [file], { timezone: 'Asia/Shanghai' });
        superseded.push(result!.source!.report.skipped.superseded);
        agentAfter.push((await db.queryJs<{ agent_id: string }>('select agent_id from calls')).map((r) => r.agent_id));
      }
      // The older copy is superseded by the loaded one; the newer copy replaces it (and the
      // loaded copy it replaces counts as superseded).
      expect(agentAfter).toEqual([['li.na'], ['li.na'], ['new.copy']]);
      expect(superseded).toEqual([0, 1, 1]);
      const versions = await db.queryJs<{ contact_id: string; last_update: string }>(
        'select contact_id, last_update from contact_versions',
      );
      expect(versions.map((v) => [v.contact_id, new Date(v.last_update).toISOString()])).toEqual([
        ['11111111-0000-4000-8000-000000000001', '2026-11-20T02:00:00.000Z'],
      ]);
    });
  });
});

describe('amazon-connect-ctr bad input', () => {
  const dir = caseDir('amazon-connect-ctr', 'bad');
  const expected = readExpected<ExpectedCase>(dir);

  it('JSON Lines: a record cut off on line 3 is a reject naming that line; the other records load', async () => {
    const file = join(dir, 'ctr-truncated.jsonl');
    const { files } = readExpected<{
      files: Record<string, { if_loaded_with_line_rejects: { calls: Record<string, unknown>[] } }>;
    }>(dir);
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
        new RegExp(
          `^${file}: line ${startLine}: record \\d+ is cut off \\(the file ends inside it: truncated in transfer\\?\\)$`,
        ),
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
