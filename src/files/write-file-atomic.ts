/**
 * Writes a file so a reader sees the old version or the new one, never half of it: the
 * content goes to a temporary file in the same folder, which is then renamed over the
 * target; on any failure the temporary file is removed. A temporary file that a killed run
 * left in the folder is removed the first time this process writes there.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeDeadProcessTemps } from './dead-process-temps.ts';

/** Lets `write` fill a temporary file beside `path` (e.g. DuckDB's COPY), then renames it over `path`. */
export async function writeAtomically<T>(path: string, write: (temp: string) => Promise<T>): Promise<T> {
  const temp = tempPath(path);
  try {
    const result = await write(temp);
    renameSync(temp, path);
    return result;
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function writeFileAtomic(path: string, text: string): void {
  const temp = tempPath(path);
  try {
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

const swept = new Set<string>();

function tempPath(path: string): string {
  const dir = dirname(path);
  if (!swept.has(dir)) {
    removeDeadProcessTemps(dir);
    swept.add(dir);
  }
  return `${path}.${process.pid}.tmp`;
}
