/**
 * The `callq` command line. Each subcommand lives in its own file under commands/ and
 * registers itself here; errors become one line and the exit codes of SPEC §6.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, JobError, UsageError } from './errors.ts';
import { COMMANDS } from './commands/index.ts';

export function buildProgram(): Command {
  const program = new Command('callq')
    .description('Call-quality and agent-performance analytics for contact centres')
    .option('--db <file>', 'DuckDB database file', 'callq.duckdb')
    .option('--config <file>', 'JSON config file (validated)')
    .option('--verbose', 'print stack traces of errors')
    .option('--quiet', 'print nothing but errors')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // Commands report "done, but" outcomes (exit 3) through process.exitCode; start clean so
  // one in-process call never inherits another's.
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return reportError(error, argv.includes('--verbose'));
  }
}

function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (or the help text).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`callq: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof JobError) return ExitCode.failed;
  return ExitCode.failed;
}
