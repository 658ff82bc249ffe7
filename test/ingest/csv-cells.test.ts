/** Splitting the lines callq reads itself, and finding a column a header names twice. */
import { describe, expect, it } from 'vitest';
import { csvCells, duplicatedColumn } from '../../src/ingest/csv-cells.ts';

describe('csvCells', () => {
  it('splits on the delimiter outside quotes and undoubles quotes', () => {
    expect(csvCells('"","13800000021","""Caller"" <1380>",,5')).toEqual([
      '',
      '13800000021',
      '"Caller" <1380>',
      '',
      '5',
    ]);
    expect(csvCells('a;"b;c";d', ';')).toEqual(['a', 'b;c', 'd']);
  });
});

describe('duplicatedColumn', () => {
  it('finds a name given twice, in any case and with spaces, with both positions', () => {
    expect(duplicatedColumn(['call_id', 'direction', ' Call_ID '])).toEqual({ name: 'Call_ID', first: 1, second: 3 });
    expect(duplicatedColumn(['call_id', 'direction'])).toBeNull();
  });
});
