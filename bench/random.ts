/**
 * Seeded randomness for the bench writers: the same seed writes the same file, byte for byte.
 * sfc32 (small, fast, good enough for made-up data), seeded through splitmix32.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Exponential with the given mean. */
  exp(mean: number): number;
  /** One of the items, weighted. */
  pick<T>(items: readonly T[], weights?: readonly number[]): T;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
}

export function seeded(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4294967296;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    exp: (mean) => -Math.log(1 - next()) * mean,
    pick<T>(items: readonly T[], weights?: readonly number[]): T {
      if (!weights) return items[Math.floor(next() * items.length)]!;
      let r = next() * weights.reduce((sum, w) => sum + w, 0);
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    hex(n) {
      let out = '';
      while (out.length < n) out += u32().toString(16).padStart(8, '0');
      return out.slice(0, n);
    },
  };
}

/**
 * Appends text to a file through a 4 MiB buffer (text is encoded straight into it, so no
 * long strings are built and the writer never holds the file in memory). Writes to
 * `<path>.partial` and renames on close: an interrupted run leaves no file that looks finished.
 */
export class ChunkedWriter {
  private readonly buffer = Buffer.allocUnsafe(1 << 22);
  private used = 0;
  private readonly fd: number;
  bytes = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(`${path}.partial`, 'w');
  }

  write(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) this.flush();
    if (text.length * 3 > this.buffer.length) {
      writeSync(this.fd, text);
      this.bytes += Buffer.byteLength(text);
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.buffer, 0, this.used);
    this.bytes += this.used;
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(`${this.path}.partial`, this.path);
  }
}
