/**
 * Loads a set of files one by one (each its own transaction), writes this load's rejects
 * to a CSV beside the run's outputs, and says whether any file's reject share passed
 * `max_reject_share`. A file that cannot be applied leaves no trace; it stops the load, or
 * with `keepGoing` (the nightly) is reported and skipped while the other files go in. A
 * failure of the database itself (a full disk, no memory) stops the load either way: the
 * files after it would fail the same way.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../db/database.ts';
import { sqlString } from './staging-sql.ts';
import type { InputFile } from './discover-files.ts';
import { FileLoadError, loadFile, type FileLoadResult, type LoadFileOptions } from './load-file.ts';
import { scanFile } from './file-scan.ts';
import { spreadsheetSafeSql } from '../files/spreadsheet-safe.ts';

export interface LoadOptions extends LoadFileOptions {
  maxRejectShare: number;
  /** Where this load's rejects are written as CSV (only when there are some). */
  rejectsCsv?: string;
  onFile?: (result: FileLoadResult) => void;
  onStart?: (file: InputFile, index: number, total: number) => void;
  /** Skip a file that cannot be applied, and go on with the others. */
  keepGoing?: boolean;
  /** Earlier loads whose rejects belong in this load's CSV too (a run that died before writing them). */
  rejectsOfLoads?: readonly number[];
}

export interface LoadSummary {
  files: FileLoadResult[];
  rows: number;
  loaded: number;
  rejected: number;
  /** Files whose rejected share passed the limit. */
  overLimit: FileLoadResult[];
  /** Files skipped because they could not be applied (with keepGoing). */
  failed: FileLoadError[];
  rejectsCsv: string | null;
}

/** Errors of the database itself, not of one file: no later file would load either. */
const DATABASE_FAILURE = /No space left on device|Out of Memory|could not allocate|disk is full|read-only file system/i;

export async function loadFiles(db: Database, files: InputFile[], options: LoadOptions): Promise<LoadSummary> {
  const results: FileLoadResult[] = [];
  const failed: FileLoadError[] = [];
  // The next file is read and hashed while DuckDB works on this one: the copy into the
  // canonical table leaves a core mostly idle. Its errors are reported in its own turn;
  // when a load fails, the read-ahead stops.
  const readAhead = new AbortController();
  let scanning = files.length > 0 ? scanFile(files[0]!.path) : null;
  try {
    for (const [index, file] of files.entries()) {
      options.onStart?.(file, index, files.length);
      const current = scanning!;
      const next = files[index + 1];
      scanning = next ? scanFile(next.path, readAhead.signal) : null;
      scanning?.catch(() => undefined);
      try {
        const result = await loadFile(db, file, options, current);
        results.push(result);
        options.onFile?.(result);
      } catch (error) {
        if (!options.keepGoing || !(error instanceof FileLoadError) || DATABASE_FAILURE.test(error.message))
          throw error;
        failed.push(error);
      }
    }
  } finally {
    readAhead.abort();
  }
  const ownLoads = results.flatMap((r) => (r.status === 'loaded' && r.rejected > 0 ? [r.loadId!] : []));
  const loadIds = [...new Set([...(options.rejectsOfLoads ?? []), ...ownLoads])].sort((a, b) => a - b);
  const withRejects =
    loadIds.length > 0 &&
    (await db.scalar<boolean>(`select exists (select 1 from rejects where load_id in (${loadIds.join(', ')}))`));
  let rejectsCsv: string | null = null;
  if (options.rejectsCsv && withRejects) {
    rejectsCsv = options.rejectsCsv;
    mkdirSync(dirname(rejectsCsv), { recursive: true });
    // The desk opens this file in a spreadsheet: a cell from the data must not run as a formula.
    const text = (column: string) => `${spreadsheetSafeSql(column)} as ${column}`;
    await db.exec(
      `copy (select ${text('file')}, "table", line, ${text('"column"')}, ${text('reason')}, ${text('value')}, ${text('raw')} from rejects
             where load_id in (${loadIds.join(', ')}) order by load_id, line, "column")
       to ${sqlString(rejectsCsv)} (header, delimiter ',')`,
    );
  }
  const sum = (key: 'rows' | 'loaded' | 'rejected') => results.reduce((total, r) => total + r[key], 0);
  return {
    files: results,
    rows: sum('rows'),
    loaded: sum('loaded'),
    rejected: sum('rejected'),
    overLimit: results.filter((r) => r.rows > 0 && r.rejected / r.rows > options.maxRejectShare),
    failed,
    rejectsCsv,
  };
}
