/** What `callq load` does (its options: commands/load.ts), and the load a nightly runs. */
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { withContext, type Context } from '../context.ts';
import { recordRun } from '../../db/record-run.ts';
import { ExitCode, UsageError } from '../../errors/usage-error.ts';
import { TABLE_NAMES } from '../../ingest/contracts.ts';
import {
  discoverFiles,
  sortForLoad,
  sortOut,
  sourceFiles,
  WrongSourceError,
  type Discovery,
  type InputFile,
} from '../../ingest/discover-files.ts';
import { unappliedMapping, type SourceName } from '../../ingest/sources/source-adapter.ts';
import { sourceAdapter, sourceAdapters } from '../../ingest/sources/registry.ts';
import type { FileLoadResult } from '../../ingest/load-file.ts';
import { formatOf } from '../../ingest/file-format.ts';
import { readMapping, type ColumnMapping } from '../../ingest/column-mapping.ts';
import { loadFiles, type LoadSummary } from '../../ingest/load-files.ts';
import type { TextEncoding } from '../../ingest/transcode.ts';

export interface LoadCommandOptions {
  source?: SourceName;
  map?: string;
  encoding?: TextEncoding;
  rejects?: string;
  [table: string]: unknown;
}

export default async function load(paths: string[], opts: LoadCommandOptions, cmd: Command): Promise<void> {
  const { files, ignored, empty } = inputFiles(paths, opts);
  await withContext(cmd, async (ctx) => {
    if (ignored.length > 0)
      ctx.say(
        `not loaded (not named after a table, and not ${opts.source ?? 'a format callq recognises'}): ${ignored.join(', ')}`,
      );
    if (empty.length > 0) ctx.say(`empty, nothing to load: ${empty.join(', ')}`);
    const summary = await recordRun(ctx.db, { command: 'load', day: null }, async () => {
      const result = await runLoad(ctx, files, opts);
      const status = result.overLimit.length > 0 ? 'rejects' : 'done';
      return {
        result,
        status,
        counts: { files: result.files.length, rows: result.rows, loaded: result.loaded, rejected: result.rejected },
      };
    });
    if (summary.overLimit.length > 0) process.exitCode = ExitCode.rejects;
  });
}

export function inputFiles(paths: readonly string[], opts: LoadCommandOptions): Discovery {
  if (opts.source) {
    if (paths.length === 0) throw new UsageError(`--source ${opts.source} needs the files or folders to read`);
    try {
      return sourceFiles(opts.source, paths);
    } catch (error) {
      if (error instanceof WrongSourceError) throw new UsageError(error.message);
      throw error;
    }
  }
  const files: InputFile[] = [];
  for (const table of TABLE_NAMES) {
    const path = opts[table.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())];
    if (typeof path !== 'string') continue;
    const format = formatOf(path);
    if (!format)
      throw new UsageError(
        `--${table.replaceAll('_', '-')} ${path}: unknown file type (use .csv, .tsv, .jsonl, .parquet or .arrow)`,
      );
    files.push({ table, path, format });
  }
  const found: Discovery = { files, ignored: [], empty: [] };
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      const inFolder = discoverFiles(path);
      files.push(...inFolder.files);
      found.ignored.push(...inFolder.ignored.map((name) => join(path, name)));
      found.empty.push(...inFolder.empty.map((name) => join(path, name)));
    } else sortOut(path, found);
  }
  const { ignored, empty } = found;
  // Only empty exports given: a night with no calls, nothing wrong.
  if (files.length === 0 && (ignored.length > 0 || empty.length === 0)) {
    const what =
      ignored.length > 0
        ? `none of ${ignored.join(', ')} is named after a table or has a format callq recognises`
        : 'no files given';
    throw new UsageError(
      `nothing to load: ${what}. Name canonical files after their table (${TABLE_NAMES.map((t) => `${t}.csv`).join(', ')}), ` +
        `or read a phone system's export with --source NAME (${sourceAdapters()
          .map((a) => `${a.name}: ${a.description}`)
          .join('; ')})`,
    );
  }
  return { files: sortForLoad(files), ignored, empty };
}

/** How a nightly loads: past a file that cannot be applied, and writing earlier loads' rejects too. */
export interface RunLoadOptions {
  rejectsCsv?: string;
  keepGoing?: boolean;
  rejectsOfLoads?: readonly number[];
}

/** A `--map` entry that a phone system's reader would not apply is refused before anything loads. */
function refuseUnappliedMapping(files: readonly InputFile[], mapping: ColumnMapping, path: string): void {
  for (const name of new Set(files.flatMap((f) => (f.source ? [f.source] : [])))) {
    const adapter = sourceAdapter(name);
    const unapplied = unappliedMapping(adapter, mapping);
    if (unapplied.length === 0) continue;
    throw new UsageError(
      `--map ${path}: ${name} does not apply ${unapplied.join(', ')}; it takes ${adapter.mapping?.takes ?? "no mapping (its columns are the format's own)"}`,
    );
  }
}

/** Loads the files and prints the summary: one line per file, then the totals. */
export async function runLoad(
  ctx: Context,
  files: InputFile[],
  opts: LoadCommandOptions,
  run: RunLoadOptions = { rejectsCsv: opts.rejects },
): Promise<LoadSummary> {
  const mapping: ColumnMapping | undefined = opts.map ? readMapping(opts.map) : undefined;
  if (mapping) refuseUnappliedMapping(files, mapping, opts.map!);
  // On a terminal: `loading calls.csv (1/2): 1,234,567 rows (456,789 rows/s)` while a file is read.
  let label = '';
  const summary = await loadFiles(ctx.db, files, {
    mapping,
    encoding: opts.encoding,
    config: ctx.config,
    maxRejectShare: ctx.config.max_reject_share,
    ...run,
    onStart: (file, index, total) => {
      if (file.source && !opts.source)
        ctx.say(`${basename(file.path)}: read as ${file.source} (recognised by its content)`);
      label = `loading ${basename(file.path)} (${index + 1}/${total})`;
      ctx.progress.update(label, 0);
    },
    onRows: ctx.progress.active ? (_file, rows) => ctx.progress.update(label, rows) : undefined,
    onFile: (r) => {
      ctx.progress.done();
      if (r.status === 'skipped') {
        ctx.say(`${basename(r.file)}: already loaded (load ${r.loadId}), skipped`);
        return;
      }
      const extra = r.unknownColumns.length ? `; ignored columns: ${r.unknownColumns.join(', ')}` : '';
      const enc = r.encoding && r.encoding !== 'utf-8' ? ` [${r.encoding}]` : '';
      if (r.source) for (const line of sourceSummary(r)) ctx.say(line);
      else
        ctx.say(
          `${basename(r.file)} → ${r.table}${enc}: ${r.rows} rows, ${r.loaded} loaded, ${r.rejected} rejected${extra}`,
        );
      for (const column of r.missingMapped) ctx.say(`${basename(r.file)}: mapped column ${column} is not in the file`);
      if (r.rejectedBefore > 0)
        ctx.say(
          `${basename(r.file)}: ${r.rejectedBefore} of the ${r.rejected} rejected were rejected as they are by an earlier load of this file (the same line, reason and text: a file read again as it grows)`,
        );
      for (const { origin, rows } of r.replacedFrom)
        ctx.say(
          `${basename(r.file)}: replaced ${rows} row${rows === 1 ? '' : 's'} of ${r.table} loaded from ${origin} (a key from two sources keeps the later file's values: load each from one source)`,
        );
    },
  });
  ctx.say(
    `loaded ${summary.loaded} of ${summary.rows} rows from ${summary.files.length} file(s); ${summary.rejected} rejected`,
  );
  if (summary.rejectsCsv) ctx.say(`rejected rows: ${summary.rejectsCsv}`);
  for (const failure of summary.failed) process.stderr.write(`callq: skipped ${failure.message}\n`);
  for (const r of summary.overLimit) {
    process.stderr.write(
      `callq: ${r.file}: ${r.rejected} of ${r.rows} rows rejected (${((100 * r.rejected) / r.rows).toFixed(2)}%), above max_reject_share ${ctx.config.max_reject_share}\n`,
    );
  }
  return summary;
}

/** What a phone system's export made and left out: a line for the file, then one per reason. */
function sourceSummary(r: FileLoadResult): string[] {
  const { name, report } = r.source!;
  const made = Object.entries(report.made)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${what}`);
  const lines = [
    `${basename(r.file)} (${name}) → ${r.table}: ${report.records} records; made ${made.join(', ') || 'nothing'}; ${r.loaded} rows loaded, ${r.rejected} rejected`,
  ];
  const reasons = sourceAdapter(name).reasons;
  for (const [reason, n] of Object.entries(report.skipped))
    if (n > 0) lines.push(`  left out: ${n} ${reasons[reason] ?? reason}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines;
}
