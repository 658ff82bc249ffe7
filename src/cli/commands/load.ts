/** `callq load`: placeholder until the ingest pipeline lands (being written now). */
import type { Command } from 'commander';

export function registerLoad(program: Command): void {
  program.command('load').description('load input files into the database');
}
