/**
 * Temporary files carry the id of the process that writes them (`<name>.<pid>.tmp` beside a
 * report or export, `callq-<pid>-…` folders of transcoded copies in the system's temp
 * folder). One whose process is gone was left by a run that was killed: nobody will finish
 * or remove it, so the next run does.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `nightly.html.4242.tmp` beside a report or export. */
export const TEMP_FILE = /\.(\d+)\.tmp$/;
/** `callq-4242-Ab12Cd` in the system's temp folder. */
export const TEMP_FOLDER = /^callq-(\d+)-/;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the entries of `dir` whose name (by `pattern`, the pid its first group) names a process that is gone; returns their names. */
export function removeDeadProcessTemps(dir: string, pattern: RegExp = TEMP_FILE): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const dead = names.filter((name) => {
    const pid = Number(pattern.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !isAlive(pid);
  });
  for (const name of dead) rmSync(join(dir, name), { force: true, recursive: true });
  return dead;
}
