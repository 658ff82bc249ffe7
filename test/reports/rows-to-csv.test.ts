import { describe, expect, it } from 'vitest';
import { csvLine, rowsToCsv } from '../../src/reports/rows-to-csv.ts';

describe('rowsToCsv', () => {
  it('writes a BOM, a header of column names and RFC 4180 quoting, with CRLF lines', () => {
    const csv = rowsToCsv(['id', 'note', 'n'], [{ id: 'a1', note: 'said "hi", then\nleft', n: 2 }]);
    expect(csv).toBe('\uFEFFid,note,n\r\na1,"said ""hi"", then\nleft",2\r\n');
  });

  it('joins lists with spaces and leaves missing values empty', () => {
    expect(rowsToCsv(['evidence', 'x'], [{ evidence: ['C1', 'C2'], x: null }])).toBe('\uFEFFevidence,x\r\nC1 C2,\r\n');
  });

  it('keeps a spreadsheet from running text that looks like a formula, but not negative numbers', () => {
    const csv = rowsToCsv(
      ['name', 'v'],
      [
        { name: '=HYPERLINK("http://x")', v: -3 },
        { name: '@SUM(A1)', v: 1 },
      ],
    );
    expect(csv.split('\r\n').slice(1, 3)).toEqual([`"'=HYPERLINK(""http://x"")",-3`, `'@SUM(A1),1`]);
  });

  it("writes one line of cells the same way (the pages' downloads of the rows shown are made of these)", () => {
    expect(csvLine(['a, b', '-1', null, ['C1', 'C2'], 2])).toBe(`"a, b",'-1,,C1 C2,2`);
  });
});
