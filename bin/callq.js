#!/usr/bin/env node
// Entry point of the `callq` bin: runs the TypeScript sources through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main, ignoreClosedPipes } = await import('../src/cli/main.ts');
ignoreClosedPipes();
process.exitCode = await main(process.argv);
