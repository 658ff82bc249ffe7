/** Temporary files of killed runs are removed; those of live processes are left alone. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, removeDeadProcessTemps, TEMP_FOLDER } from '../../src/files/dead-process-temps.ts';
import { writeFileAtomic } from '../../src/files/write-file-atomic.ts';
import { tempDir } from '../ingest/ingest-fixtures.ts';

const tmp = tempDir('callq-temps-');
afterAll(() => tmp.cleanup());

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(child.stdout);
  expect(isAlive(pid)).toBe(false);
  return pid;
}

describe('removeDeadProcessTemps', () => {
  it('removes *.<pid>.tmp of a dead process only', () => {
    const dead = deadPid();
    const names = [
      `nightly.html.${dead}.tmp`,
      `anomalies.html.${process.pid}.tmp`,
      'coaching.html.1.tmp',
      'nightly.html',
      'notes.tmp',
    ];
    for (const name of names) writeFileSync(tmp.path(name), 'x');
    expect(removeDeadProcessTemps(tmp.dir)).toEqual([`nightly.html.${dead}.tmp`]);
    expect(readdirSync(tmp.dir).sort()).toEqual(
      [`anomalies.html.${process.pid}.tmp`, 'coaching.html.1.tmp', 'nightly.html', 'notes.tmp'].sort(),
    );
    for (const name of readdirSync(tmp.dir)) rmSync(tmp.path(name), { recursive: true });
  });

  it("removes a dead process's callq-<pid>-… folder (transcoded copies) with its content", () => {
    const dead = deadPid();
    mkdirSync(tmp.path(`callq-${dead}-Ab12Cd`));
    writeFileSync(tmp.path(`callq-${dead}-Ab12Cd/calls.csv`), 'a big copy');
    mkdirSync(tmp.path(`callq-${process.pid}-Zz99Yy`));
    expect(removeDeadProcessTemps(tmp.dir, TEMP_FOLDER)).toEqual([`callq-${dead}-Ab12Cd`]);
    expect(existsSync(tmp.path(`callq-${process.pid}-Zz99Yy`))).toBe(true);
  });

  it('is done by the first atomic write into a folder', () => {
    const dir = tempDir('callq-temps-write-');
    const leftover = dir.path(`coaching.html.${deadPid()}.tmp`);
    writeFileSync(leftover, 'half a page');
    writeFileAtomic(dir.path('coaching.html'), 'a page');
    expect(existsSync(leftover)).toBe(false);
    dir.cleanup();
  });
});
