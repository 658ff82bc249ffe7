/** Test helper: runs `callq ...args` in-process and captures its output and exit code. */
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await main(['node', 'callq', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.exitCode = undefined;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

export interface SmallCentre {
  /** Where the files go. */
  out: string;
  /** The last day of the data (YYYY-MM-DD). */
  end: string;
  seed?: number;
  days?: number;
  agents?: number;
}

/** `callq --quiet generate` of a small centre (seed 3, 5 days, 6 agents unless told); its exit code. */
export function generateCentre({ out, end, seed = 3, days = 5, agents = 6 }: SmallCentre): Promise<number> {
  const args = ['--seed', String(seed), '--days', String(days), '--agents', String(agents), '--end', end, '--out', out];
  return main(['node', 'callq', '--quiet', 'generate', ...args]);
}
