/**
 * Temporary files carry the id of the process that writes them (`<name>.<pid>.tmp`). One
 * whose process is gone was left by a run that was killed mid-write: nobody will finish or
 * remove it, so the next run that writes into the same folder does.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const TEMP = /\.(\d+)\.tmp$/;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the `*.<pid>.tmp` files in `dir` whose process is gone; returns their names. */
export function removeDeadProcessTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const dead = names.filter((name) => {
    const pid = Number(TEMP.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !isAlive(pid);
  });
  for (const name of dead) rmSync(join(dir, name), { force: true, recursive: true });
  return dead;
}
