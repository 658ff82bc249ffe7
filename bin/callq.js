#!/usr/bin/env node
// Entry point of the `callq` bin: runs the build in dist/ that `npm ci` (its prepare script)
// and `npm run build` write from src/. Without one it says so and exits 1; it never runs
// the TypeScript sources.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('callq: no build in dist/: run npm ci (or npm run build) in the callq folder first\n');
  process.exit(1);
}
// --verbose prints stack traces: source maps make them point into src/.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
const { main, ignoreClosedPipes } = await import(entry.href);
ignoreClosedPipes();
process.exitCode = await main(process.argv);
