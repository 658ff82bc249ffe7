/**
 * Loads a set of files one by one (each its own transaction), writes this load's rejects
 * to a CSV beside the run's outputs, and says whether any file's reject share passed
 * `max_reject_share`. A file that cannot be applied stops the load; the files before it
 * stay applied, the failing one leaves no trace.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../db/database.ts';
import { sqlString } from './staging-sql.ts';
import type { InputFile } from './discover-files.ts';
import { loadFile, type FileLoadResult, type LoadFileOptions } from './load-file.ts';
import { scanFile } from './file-scan.ts';
import { spreadsheetSafeSql } from '../files/spreadsheet-safe.ts';

export interface LoadOptions extends LoadFileOptions {
  maxRejectShare: number;
  /** Where this load's rejects are written as CSV (only when there are some). */
  rejectsCsv?: string;
  onFile?: (result: FileLoadResult) => void;
  onStart?: (file: InputFile, index: number, total: number) => void;
}

export interface LoadSummary {
  files: FileLoadResult[];
  rows: number;
  loaded: number;
  rejected: number;
  /** Files whose rejected share passed the limit. */
  overLimit: FileLoadResult[];
  rejectsCsv: string | null;
}

export async function loadFiles(db: Database, files: InputFile[], options: LoadOptions): Promise<LoadSummary> {
  const results: FileLoadResult[] = [];
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
      const result = await loadFile(db, file, options, current);
      results.push(result);
      options.onFile?.(result);
    }
  } finally {
    readAhead.abort();
  }
  const loadIds = results.flatMap((r) => (r.status === 'loaded' && r.rejected > 0 ? [r.loadId!] : []));
  let rejectsCsv: string | null = null;
  if (options.rejectsCsv && loadIds.length > 0) {
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
    rejectsCsv,
  };
}
