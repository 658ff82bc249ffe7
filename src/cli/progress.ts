/**
 * Progress for long work: a self-rewriting line on a terminal (stderr), nothing at all
 * when stderr is not a TTY (cron, pipes, CI), so logs stay clean.
 */

export interface Progress {
  /** Whether anything is shown (a terminal): work that costs something to measure can skip it. */
  readonly active: boolean;
  /**
   * Shows `label: done/total unit`; total may be unknown. Rows also show their rate, timed
   * from the first update of the label.
   */
  update(label: string, done: number, total?: number, unit?: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { active: false, update: () => undefined, done: () => undefined };
  let label = '';
  let started = 0;
  let shown = false;
  let last = 0;
  return {
    active: true,
    update(next, done, total, unit = 'rows') {
      const time = now();
      if (next !== label) {
        label = next;
        started = time;
      } else if (time - last < 100 && done !== total) return;
      last = time;
      const of = total === undefined ? '' : `/${total.toLocaleString('en')}`;
      const seconds = (time - started) / 1000;
      const rate = unit === 'rows' && seconds > 0 ? ` (${Math.round(done / seconds).toLocaleString('en')} rows/s)` : '';
      stream.write(`\r\x1b[K${label}: ${done.toLocaleString('en')}${of} ${unit}${rate}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
      label = '';
    },
  };
}
