/**
 * arrowColumnText: Arrow cells become the text a CSV export would hold, so Arrow input
 * goes through the same checks. Zoned timestamps are instants (…Z); naive ones stay
 * wall-clock; decimals keep their scale.
 */
import {
  Table,
  Decimal,
  DateDay,
  DateMillisecond,
  Float64,
  Int64,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Utf8,
  makeVector,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { arrowColumnText } from '../../src/ingest/arrow-text.ts';
import { withDb } from '../util/with-db.ts';
import { load, tempDir } from './ingest-fixtures.ts';
import { writeFileSync } from 'node:fs';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const text = (vector: Vector) => arrowColumnText(vector, vector.type);
/** 128-bit two's complement words, least significant first, of small integers. */
const decimalWords = (values: number[]) =>
  new Uint32Array(values.flatMap((v) => (v < 0 ? [2 ** 32 + v, 0xffffffff, 0xffffffff, 0xffffffff] : [v, 0, 0, 0])));
const decimals = (values: number[], scale: number) =>
  makeVector({ type: new Decimal(scale, 10, 128), data: decimalWords(values) } as never) as Vector;
const at = Date.UTC(2026, 10, 20, 1, 30, 0, 250); // 2026-11-20T01:30:00.250Z

describe('arrowColumnText', () => {
  it('text, dictionary text, integers, doubles and nulls', () => {
    expect(text(vectorFromArray(['x', null, 'y'], new Utf8()))).toEqual(['x', null, 'y']);
    // Plain string arrays become dictionary-encoded vectors.
    const dictionary = vectorFromArray(['agent', 'customer', 'agent']);
    expect(String(dictionary.type)).toMatch(/^Dictionary/);
    expect(text(dictionary)).toEqual(['agent', 'customer', 'agent']);
    expect(text(vectorFromArray([1n, -9007199254740993n, null], new Int64()))).toEqual([
      '1',
      '-9007199254740993',
      null,
    ]);
    expect(text(vectorFromArray([1.5, 199.9, null], new Float64()))).toEqual(['1.5', '199.9', null]);
  });

  it('timestamps: naive stay wall-clock, zoned are UTC instants, whatever the unit', () => {
    expect(text(vectorFromArray([at, null], new TimestampMillisecond()))).toEqual(['2026-11-20T01:30:00.250', null]);
    expect(text(vectorFromArray([at], new TimestampMillisecond('Asia/Shanghai')))).toEqual([
      '2026-11-20T01:30:00.250Z',
    ]);
    expect(text(vectorFromArray([Date.UTC(2026, 10, 20, 1, 30)], new TimestampSecond('UTC')))).toEqual([
      '2026-11-20T01:30:00.000Z',
    ]);
    // Nanoseconds reach us as float milliseconds (…250 ms as 249.9998): not truncated to .249.
    expect(text(vectorFromArray([at], new TimestampNanosecond()))).toEqual(['2026-11-20T01:30:00.250']);
    // Microseconds are kept: 2026-11-20T01:30:00.250125.
    expect(
      text(
        makeVector({
          type: new TimestampMicrosecond(),
          data: new BigInt64Array([BigInt(at) * 1000n + 125n]),
        } as never) as Vector,
      ),
    ).toEqual(['2026-11-20T01:30:00.250125']);
    // Before 1970 too: 1969-12-31T23:59:59.999500Z is -500 µs.
    expect(
      text(makeVector({ type: new TimestampMicrosecond('UTC'), data: new BigInt64Array([-500n]) } as never) as Vector),
    ).toEqual(['1969-12-31T23:59:59.999500Z']);
  });

  it('dates of either unit', () => {
    expect(text(vectorFromArray([new Date(Date.UTC(2024, 2, 1)), null], new DateDay()))).toEqual(['2024-03-01', null]);
    expect(text(vectorFromArray([new Date(Date.UTC(2024, 2, 1))], new DateMillisecond()))).toEqual(['2024-03-01']);
  });

  it('decimals keep their scale (12345 in decimal(10,2) is 123.45)', () => {
    expect(text(decimals([12345, -5, 7, 0], 2))).toEqual(['123.45', '-0.05', '0.07', '0.00']);
    expect(text(decimals([42, -42], 0))).toEqual(['42', '-42']);
  });

  it('a decimal sale_amount loads as its value, not its unscaled integer', async () => {
    const table = new Table({
      call_id: vectorFromArray(['C1'], new Utf8()),
      direction: vectorFromArray(['outbound'], new Utf8()),
      started_at: vectorFromArray([Date.UTC(2026, 10, 20, 1, 0)], new TimestampMillisecond('UTC')),
      ended_at: vectorFromArray([Date.UTC(2026, 10, 20, 1, 5)], new TimestampMillisecond('UTC')),
      sale_amount: decimals([19990], 2),
    });
    const file = tmp.path('calls-decimal.arrow');
    writeFileSync(file, tableToIPC(tableFromIPC(tableToIPC(table, 'file')), 'file'));
    await withDb(async (db) => {
      expect(await load(db, file)).toMatchObject({ rows: 1, loaded: 1, rejected: 0 });
      expect(await db.queryJs('select sale_amount, started_at from calls')).toEqual([
        { sale_amount: 199.9, started_at: new Date('2026-11-20T01:00:00Z') },
      ]);
    });
  });
});
