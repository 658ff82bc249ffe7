/** The progress line: shown on a terminal only, rows with their rate timed per label. */
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.ts';

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = {
    isTTY,
    write: (text: string) => {
      written.push(text);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('createProgress', () => {
  it('on a terminal: rows and rows/s from the first update of the label; a new label restarts the clock', () => {
    const { stream, written } = fakeTerminal(true);
    let now = 10_000;
    const progress = createProgress(stream, () => now);
    expect(progress.active).toBe(true);
    progress.update('loading calls.csv (1/2)', 0);
    now += 2_000;
    progress.update('loading calls.csv (1/2)', 1_000_000);
    now += 50; // within 100 ms of the last line: not redrawn
    progress.update('loading calls.csv (1/2)', 1_010_000);
    now += 500;
    progress.update('loading segments.csv (2/2)', 0);
    now += 500;
    progress.update('loading segments.csv (2/2)', 4_000_000);
    progress.update('compute', 3, 12, 'models');
    progress.done();
    expect(written).toEqual([
      '\r\x1b[Kloading calls.csv (1/2): 0 rows',
      '\r\x1b[Kloading calls.csv (1/2): 1,000,000 rows (500,000 rows/s)',
      '\r\x1b[Kloading segments.csv (2/2): 0 rows',
      '\r\x1b[Kloading segments.csv (2/2): 4,000,000 rows (8,000,000 rows/s)',
      '\r\x1b[Kcompute: 3/12 models',
      '\r\x1b[K',
    ]);
  });

  it('writes nothing when not on a terminal (cron)', () => {
    const { stream, written } = fakeTerminal(false);
    const progress = createProgress(stream);
    expect(progress.active).toBe(false);
    progress.update('loading calls.csv', 5);
    progress.done();
    expect(written).toEqual([]);
  });
});
