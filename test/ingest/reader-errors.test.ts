/** DuckDB's reader errors become one line with the real cause and the file's own line. */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../src/ingest/load-files.ts';
import { readerErrorLine } from '../../src/ingest/reader-errors.ts';
import { withDb } from '../util/with-db.ts';
import { tempDir } from './ingest-fixtures.ts';

const tmp = tempDir('callq-reader-errors-');
afterAll(() => tmp.cleanup());

const header = 'call_id,direction,started_at,ended_at,queue';
const bigRow = `C1,inbound,2026-11-20 09:00:00,2026-11-20 09:05:00,${'x'.repeat(3_000_000)}`;
const goodRow = 'C2,inbound,2026-11-20 09:00:00,2026-11-20 09:05:00,sales';

describe('a 3 MB cell', () => {
  it.each([
    ['calls-big.csv', (text: string) => text],
    ['calls-big.csv.gz', (text: string) => gzipSync(text)],
  ] as const)(
    '%s: refuses the file naming line 2 and the real reason; nothing of it is loaded',
    async (name, encode) => {
      const path = tmp.path(name);
      writeFileSync(path, encode(`${header}\n${bigRow}\n${goodRow}\n`));
      await withDb(async (db) => {
        await expect(loadFiles(db, [{ table: 'calls', path, format: 'csv' }], { maxRejectShare: 1 })).rejects.toThrow(
          `${path}: line 2 is longer than 2,000,000 bytes (3,000,052): no record of an export is that long, so the file is refused (cut off, or not the export it is named for?)`,
        );
        expect(await db.queryJs('select count(*) as n from calls')).toEqual([{ n: 0n }]);
      });
    },
  );
});

describe('readerErrorLine', () => {
  it('keeps the cause a CSV error gives after the record, not the record', async () => {
    const message = [
      'Invalid Input Error: CSV Error on Line: 7',
      'Original Line: C7,"unterminated',
      'Value with unterminated quote found.',
      '',
      '  file = x.csv',
    ].join('\n');
    expect(await readerErrorLine(tmp.path('x.csv'), message)).toBe(
      'CSV Error on Line: 7: Value with unterminated quote found.',
    );
  });

  it('keeps a one-line error as it is', async () => {
    expect(await readerErrorLine(tmp.path('x.csv'), 'IO Error: No space left on device')).toBe(
      'IO Error: No space left on device',
    );
  });
});
