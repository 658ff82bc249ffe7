/**
 * Every subcommand of `callq`, in the order `callq --help` lists them. These files only
 * define the commands (cheap to load: `callq --help` loads nothing else); each one's work
 * is in ../actions/.
 */
import type { Command } from 'commander';
import { registerLoad } from './load.ts';
import { registerQuery } from './query.ts';
import { registerCompute } from './compute.ts';
import { registerDemo } from './demo.ts';
import { registerGenerate } from './generate.ts';
import { registerAnomalies } from './anomalies.ts';
import { registerEvaluate } from './evaluate.ts';
import { registerReport } from './report.ts';
import { registerNightly } from './nightly.ts';
import { registerExport } from './export.ts';
import { registerReview } from './review.ts';

export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerNightly,
  registerLoad,
  registerCompute,
  registerAnomalies,
  registerReview,
  registerReport,
  registerQuery,
  registerExport,
  registerEvaluate,
  registerGenerate,
  registerDemo,
];
