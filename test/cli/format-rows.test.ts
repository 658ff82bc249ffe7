/** Query output as a text table, CSV or JSON; the table takes any number of rows. */
import { describe, expect, it } from 'vitest';
import { formatRows } from '../../src/cli/format-rows.ts';

describe('formatRows', () => {
  it('aligns a table to its widest cell and counts the rows', () => {
    expect(
      formatRows(
        ['id', 'name'],
        [
          { id: 1, name: 'Li' },
          { id: 22, name: null },
        ],
        'table',
      ),
    ).toBe('id  name\n--  ----\n1   Li\n22\n(2 rows)\n');
  });

  it('prints 300,000 rows as a table (no spread over every row)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => ({ n: i }));
    const text = formatRows(['n'], rows, 'table');
    expect(text.startsWith('n\n------\n0\n')).toBe(true);
    expect(text.endsWith('299999\n(300000 rows)\n')).toBe(true);
  });
});
