/**
 * A DuckDB bug (1.5.5, 1.5.6) and callq's way around it. Inside a transaction, an INSERT …
 * SELECT that scans a table and inserts no rows makes a later insert of a row group or more
 * (122,880 rows) into the same table invisible to the transaction and to the connection. A load
 * with 300,000 duplicate keys lost its rejects from rejects.csv this way (issue #10).
 * When the first test fails, DuckDB has fixed the bug and Database.insertSelect may become a
 * plain insert again.
 */
import { describe, expect, it } from 'vitest';
import { withDb } from '../util/with-db.ts';

const ROW_GROUP = 122_880;

describe('an empty INSERT … SELECT followed by a large one in one transaction', () => {
  it('loses the large one in DuckDB itself (the reproduction)', async () => {
    await withDb(async (db) => {
      await db.exec(`create table t (a bigint); create temp table empty (a bigint);
        create temp table source as select range as a from range(${ROW_GROUP})`);
      await db.exec('begin transaction');
      await db.exec('insert into t select a from empty');
      await db.exec('insert into t select a from source');
      const seen = Number(await db.scalar('select count(*) from t'));
      await db.exec('commit');
      expect(seen).toBe(0);
    });
  });

  it('keeps every row through Database.insertSelect', async () => {
    await withDb(async (db) => {
      await db.exec(`create table t (a bigint); create temp table empty (a bigint);
        create temp table source as select range as a from range(${2 * ROW_GROUP + 1})`);
      const counts = await db.transaction(async () => [
        await db.insertSelect('t', 'select a from empty'),
        await db.insertSelect('t', 'select a from source'),
      ]);
      expect(counts).toEqual([0, 2 * ROW_GROUP + 1]);
      expect(Number(await db.scalar('select count(*) from t'))).toBe(2 * ROW_GROUP + 1);
    });
  });
});
