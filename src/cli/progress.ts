/**
 * Progress for long work: a self-rewriting line on a terminal (stderr), nothing at all
 * when stderr is not a TTY (cron, pipes, CI), so logs stay clean.
 */

export interface Progress {
  /** Shows `label: done/total unit (rate/s)`; total may be unknown. */
  update(label: string, done: number, total?: number, unit?: string): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(label, done, total, unit = 'rows') {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const rate = Math.round(done / seconds).toLocaleString('en');
      const of = total === undefined ? '' : `/${total.toLocaleString('en')}`;
      stream.write(`\r\x1b[K${label}: ${done.toLocaleString('en')}${of} ${unit} (${rate} ${unit}/s)`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
