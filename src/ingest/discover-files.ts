/**
 * The files a load applies, in dependency order: agents and the audit form before the
 * facts that point at them, then each table's files by name (dated files sort by date),
 * a source's whose calls span files (queue_log) by the time of their first record.
 * A file named after a table is a canonical file; any other file is read by the source
 * adapter whose format its content has (a phone system's export), or left out.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from './contracts.ts';
import { formatOf, tableOf, type FileFormat } from './file-format.ts';
import { headBytes, readHead } from './read-source.ts';
import { recogniseSource, sourceAdapter } from './sources/registry.ts';
import type { SourceAdapter, SourceName } from './sources/source-adapter.ts';

export interface InputFile {
  table: TableName;
  path: string;
  format: FileFormat;
  /** A phone system's own export, read by this source adapter (else a canonical file). */
  source?: SourceName;
  /** When its first record happened (epoch ms), for a source whose files load in time order. */
  firstRecordAt?: number;
}

export interface Discovery {
  files: InputFile[];
  /** Files in the folder that feed no table and whose content no source has (config, labels, notes): not loaded. */
  ignored: string[];
  /** Exports that hold nothing (emptyExport): nothing to load, and nothing wrong. */
  empty: string[];
}

/**
 * Whether a file that is not named after a table holds no record at all: no bytes, only
 * white space, or an empty JSON array (also inside a .gz), all of it in its head (readHead;
 * a larger file is not taken for empty, whatever its start). A phone system writes such
 * files in the ordinary course: a queue_log just after logrotate made it, a night with no
 * calls.
 */
function emptyExport(path: string, head = readHead(path)): boolean {
  return statSync(path).size <= headBytes(path) && /^\s*(\[\s*\])?\s*$/.test(head);
}

/**
 * Puts the file at `path` (listed as `name`) where it belongs in `found`: a canonical file,
 * a phone system's export recognised by content, an empty export, or ignored.
 */
export function sortOut(path: string, found: Discovery, name = path): void {
  const file = canonicalFile(path) ?? recognisedFile(path);
  if (file) found.files.push(file);
  else if (emptyExport(path)) found.empty.push(name);
  else found.ignored.push(name);
}

/** A file is not of the format `--source` names; says what it looks like instead. */
export class WrongSourceError extends Error {
  override name = 'WrongSourceError';
}

export function discoverFiles(dir: string): Discovery {
  const found: Discovery = { files: [], ignored: [], empty: [] };
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) sortOut(path, found, name);
  }
  return { ...found, files: sortForLoad(found.files) };
}

/** A file named after its table (`calls-2026-11-20.csv`), or null. */
function canonicalFile(path: string): InputFile | null {
  const table = tableOf(path);
  const format = formatOf(path);
  return table && format ? { table, path, format } : null;
}

/** A file whose content is one source's format (`queue_log`, `Master.csv`, a CTR file), or null. */
function recognisedFile(path: string): InputFile | null {
  const head = readHead(path);
  const [adapter, ...others] = recogniseSource(head);
  if (!adapter || others.length > 0) return null;
  return adaptedFile(adapter, path, head);
}

function adaptedFile(adapter: SourceAdapter, path: string, head: string): InputFile {
  const at = adapter.firstRecordAt?.(head) ?? null;
  return {
    table: adapter.table,
    path,
    format: adapter.format,
    source: adapter.name,
    ...(at !== null && { firstRecordAt: at }),
  };
}

/**
 * The files of `--source NAME PATH...`: each path a file or a folder searched recursively.
 * A file named on the command line must have the source's format: one that does not is
 * refused before anything loads, saying what it looks like. A file found in a folder that
 * does not (a manifest, a readme) is left out and listed. An empty export, named or found,
 * is listed as empty.
 */
export function sourceFiles(source: SourceName, paths: readonly string[]): Discovery {
  const adapter = sourceAdapter(source);
  const files: InputFile[] = [];
  const ignored: string[] = [];
  const empty: string[] = [];
  for (const root of paths) {
    const named = !statSync(root).isDirectory();
    for (const path of walk(root)) {
      const head = readHead(path);
      if (adapter.recognise(head)) files.push(adaptedFile(adapter, path, head));
      else if (emptyExport(path, head)) empty.push(path);
      else if (!named) ignored.push(path);
      else {
        const other = recogniseSource(head)[0];
        const looks = other ? `; it looks like ${other.description}: load it with --source ${other.name}` : '';
        throw new WrongSourceError(`${path}: line 1: not ${adapter.description} (--source ${source})${looks}`);
      }
    }
  }
  return { files: sortForLoad(files), ignored, empty };
}

function walk(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => walk(join(path, name)));
}

/** By table (dependency order), then the time a file starts at where its source tells one, then name. */
export function sortForLoad(files: InputFile[]): InputFile[] {
  const order = (t: TableName) => TABLE_NAMES.indexOf(t);
  // A file whose source tells no time goes after those that do (Number.MAX_VALUE - itself is 0).
  const at = (f: InputFile) => f.firstRecordAt ?? Number.MAX_VALUE;
  return [...files].sort((a, b) => order(a.table) - order(b.table) || at(a) - at(b) || a.path.localeCompare(b.path));
}
