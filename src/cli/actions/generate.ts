/** What `callq generate` does (its options: commands/generate.ts). */
import type { Command } from 'commander';
import { TABLE_NAMES, type TableName } from '../../ingest/contracts.ts';
import { generateDataset } from '../../generate/generate-dataset.ts';
import { parseDay, yesterdayUtc } from '../../generate/local-time.ts';
import { writeDataset } from '../../generate/write-dataset.ts';
import { writeSourceExports } from '../../generate/sources/index.ts';
import { isSourceName, SOURCE_NAMES, type SourceName } from '../../ingest/sources/source-adapter.ts';
import type { FileFormat } from '../../generate/world.ts';
import { globalOptions } from '../context.ts';
import { UsageError } from '../../errors/usage-error.ts';

interface GenerateFlags {
  seed: string;
  days: string;
  agents: string;
  out: string;
  format: FileFormat;
  segmentsFormat?: FileFormat;
  end?: string;
  source: string[];
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** `--source a,b --source c` → the names, each checked. */
function sourceNames(values: readonly string[]): SourceName[] {
  const names = values
    .flatMap((v) => v.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !isSourceName(n));
  if (unknown.length > 0)
    throw new UsageError(`--source: unknown source ${unknown.join(', ')} (choose from ${SOURCE_NAMES.join(', ')})`);
  return [...new Set(names.filter(isSourceName))];
}

export default async function generate(flags: GenerateFlags, command: Command): Promise<void> {
  const end = flags.end ?? yesterdayUtc(new Date());
  try {
    parseDay(end);
  } catch (error) {
    throw new UsageError(`--end: ${(error as Error).message}`);
  }
  const sources = sourceNames(flags.source);
  const formats = Object.fromEntries(TABLE_NAMES.map((t) => [t, flags.format])) as Record<TableName, FileFormat>;
  if (flags.segmentsFormat) formats.segments = flags.segmentsFormat;
  const options = {
    seed: wholeNumber('seed', flags.seed, 0, 2 ** 32 - 1),
    days: wholeNumber('days', flags.days, 1, 3660),
    agents: wholeNumber('agents', flags.agents, 3, 5000),
    end,
    formats,
  };
  const { data, labels, config } = generateDataset(options);
  const written = await writeDataset(flags.out, data, labels, options, config);
  const exports = writeSourceExports(flags.out, { data, config }, sources);
  if (!globalOptions(command).quiet) {
    for (const file of written) process.stdout.write(`  ${file.name.padEnd(22)} ${file.rows} rows\n`);
    for (const source of exports)
      process.stdout.write(
        `  ${`${source.dir}/`.padEnd(22)} ${source.calls} calls in ${source.files} file${source.files === 1 ? '' : 's'}\n`,
      );
    process.stdout.write(
      `wrote ${flags.out} (${options.days} days to ${end}, ${options.agents} agents, seed ${options.seed})\n`,
    );
  }
}
