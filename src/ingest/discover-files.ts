/**
 * The files a load applies, in dependency order: agents and the audit form before the
 * facts that point at them, then each table's files by name (dated files sort by date).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from './contracts.ts';
import { formatOf, tableOf, type FileFormat } from './file-format.ts';

export interface InputFile {
  table: TableName;
  path: string;
  format: FileFormat;
}

export interface Discovery {
  files: InputFile[];
  /** Files in the folder that feed no table (config, labels, notes): not loaded. */
  ignored: string[];
}

export function discoverFiles(dir: string): Discovery {
  const files: InputFile[] = [];
  const ignored: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const table = tableOf(name);
    const format = formatOf(name);
    if (table && format) files.push({ table, path, format });
    else ignored.push(name);
  }
  return { files: sortForLoad(files), ignored };
}

export function sortForLoad(files: InputFile[]): InputFile[] {
  const order = (t: TableName) => TABLE_NAMES.indexOf(t);
  return [...files].sort((a, b) => order(a.table) - order(b.table) || a.path.localeCompare(b.path));
}
