/**
 * The `callq` command line. Each subcommand's name and options live in its own file under
 * commands/ and are registered here; what it does is in actions/, imported only when it
 * runs (lazy-action.ts). Errors become one line and the exit codes of docs/cli.md#exit-codes.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ExitCode, JobError, UsageError } from '../errors/usage-error.ts';
import { COMMANDS } from './commands/index.ts';

export function buildProgram(): Command {
  const program = new Command('callq')
    .description('Call-quality and agent-performance analytics for contact centres')
    .option('--db <file>', 'DuckDB database file', 'callq.duckdb')
    .option('--config <file>', 'JSON config file (validated); the database remembers the settings of its first run')
    .option(
      '--reconfigure',
      "recompute every day under --config's settings when they change what the data means (a new time zone)",
    )
    .option('--verbose', 'print stack traces of errors')
    .option('--quiet', 'print nothing but errors')
    .option('--wait <seconds>', 'how long to wait while another callq run holds the database', parseSeconds, 300)
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

/**
 * `callq query … | head` closes the pipe before callq is done writing. The rest of the
 * output has nowhere to go, but the command still finishes (a nightly run still writes its
 * reports) and exits as it would have, instead of dying on Node's unhandled EPIPE.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
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
  // The whole message of what went wrong underneath (DuckDB's, with its context).
  if (verbose && error instanceof Error && error.cause instanceof Error)
    process.stderr.write(`caused by: ${error.cause.message}\n`);
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof JobError) return ExitCode.failed;
  return ExitCode.failed;
}

function parseSeconds(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 86_400) throw new InvalidArgumentError('expected whole seconds from 0 to 86400');
  return n;
}
