/** Every subcommand of `callq`, in the order `callq --help` lists them. */
import type { Command } from 'commander';
import { registerLoad } from './load.ts';
import { registerQuery } from './query.ts';
import { registerDemo } from './demo.ts';

export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerLoad, registerQuery, registerDemo];
