/**
 * Test helper: Debian's chromium driven by playwright-core (never a downloaded browser).
 * Browser tests skip, saying why, only when no chromium is installed and CI is unset;
 * under CI a missing browser fails the run.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on PATH under this name
    }
  }
  return undefined;
}

export const CHROMIUM_PATH = findChromium();

/** Why browser tests cannot run here, or undefined when they can (or must, under CI). */
export const SKIP_BROWSER_REASON =
  CHROMIUM_PATH === undefined && !process.env.CI
    ? "no chromium on PATH (install Debian's chromium; CI=true makes this a failure)"
    : undefined;

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM_PATH)
    throw new Error("no chromium on PATH: browser tests need Debian's chromium (apt-get install chromium)");
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
