/** File names → reader and table: `calls-2026-11-20.csv` is calls read as CSV. */
import { describe, expect, it } from 'vitest';
import { formatOf, isTextFormat, tableOf } from '../../src/ingest/file-format.ts';

describe('formatOf', () => {
  it.each([
    ['calls.csv', 'csv'],
    ['calls.CSV', 'csv'],
    ['calls.txt', 'csv'],
    ['calls.csv.gz', 'csv'],
    ['calls.tsv', 'tsv'],
    ['calls.jsonl', 'jsonl'],
    ['calls.ndjson', 'jsonl'],
    ['calls.parquet', 'parquet'],
    ['calls.arrow', 'arrow'],
    ['calls.arrows', 'arrow'],
    ['calls.feather', 'arrow'],
    ['calls.xlsx', null],
    ['calls', null],
  ])('%s → %s', (name, format) => {
    expect(formatOf(name)).toBe(format);
  });

  it('text formats are the ones read as text (encoding, line breaks)', () => {
    expect(['csv', 'tsv', 'jsonl', 'parquet', 'arrow'].map((f) => isTextFormat(f as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('tableOf', () => {
  it.each([
    ['calls.csv', 'calls'],
    ['calls-2026-11-20.csv', 'calls'],
    ['calls_part2.parquet', 'calls'],
    ['/data/in/Segments.parquet', 'segments'],
    // audit_items must not be taken for audits, nor audits-x for audit_items.
    ['audit_items-2026.csv', 'audit_items'],
    ['audits-2026-11-20.csv', 'audits'],
    ['shifts.csv', 'shifts'],
    ['callsheet.csv', null],
    ['call.csv', null],
    ['anomaly_labels.csv', null],
  ])('%s → %s', (name, table) => {
    expect(tableOf(name)).toBe(table);
  });
});
