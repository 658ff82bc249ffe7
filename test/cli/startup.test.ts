/**
 * The built CLI starts light: `callq --help` and `callq <command> --help` load commander
 * and the command definitions, never the libraries a command's work needs (DuckDB,
 * apache-arrow, vega, zod ...); those load when the command runs. Checked by recording
 * every module the real bin resolves (module hooks, test/fixtures/cli/record-imports.mjs).
 * How long startup takes is measured by `npm run bench` (BENCH_SECTIONS=startup), not here.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../ingest/ingest-fixtures.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/callq.js');
const HOOKS = pathToFileURL(join(ROOT, 'test/fixtures/cli/record-imports.mjs')).href;
const REGISTER = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(HOOKS)});`;
const HEAVY = [
  '@duckdb/node-api',
  'apache-arrow',
  'vega',
  'vega-lite',
  'vega-embed',
  'simple-statistics',
  'zod',
  'date-fns',
  'arquero',
];
const COMMANDS = [
  'nightly',
  'load',
  'compute',
  'anomalies',
  'review',
  'report',
  'query',
  'export',
  'evaluate',
  'generate',
  'demo',
];

const tmp = tempDir('callq-startup-');
afterAll(() => tmp.cleanup());

/** Runs the bin with args; the modules it resolved, and the packages among them. */
function run(...args: string[]) {
  const record = tmp.path(`imports-${args.join('-').replace(/\W+/g, '_')}.txt`);
  const child = spawnSync(process.execPath, ['--import', REGISTER, BIN, ...args], {
    cwd: tmp.dir,
    encoding: 'utf8',
    env: { ...process.env, CALLQ_RECORD_IMPORTS: record },
  });
  const modules = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
  const packages = new Set(modules.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
  return { code: child.status, stdout: child.stdout, stderr: child.stderr, modules, packages };
}

describe('callq starts light', () => {
  it('runs the build in dist/', () => {
    expect(existsSync(join(ROOT, 'dist/main.js')), 'no dist/main.js: run npm run build').toBe(true);
    const help = run('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: callq \[options\] \[command\]/);
    expect(help.modules).toContain(pathToFileURL(join(ROOT, 'dist/main.js')).href);
    expect(help.modules.some((url) => url.includes('/src/'))).toBe(false);
    expect([...help.packages]).toEqual(['commander']);
  });

  it.each(COMMANDS)('callq %s --help loads no heavy library', (command) => {
    const help = run(command, '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain(`Usage: callq ${command} [options]`);
    expect(HEAVY.filter((name) => help.packages.has(name))).toEqual([]);
  });

  it('a usage error loads no heavy library either', () => {
    const bad = run('compute', '--date', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(HEAVY.filter((name) => bad.packages.has(name))).toEqual([]);
  });

  // The check itself: a command that runs loads what its work needs, and the hooks see it.
  it('a command that runs loads its libraries', () => {
    const query = run('--db', tmp.path('none.duckdb'), 'query', 'agents');
    expect(query).toMatchObject({
      code: 2,
      stderr: `callq: no database at ${tmp.path('none.duckdb')}: give --db the file a load or nightly wrote\n`,
    });
    expect(query.packages).toContain('@duckdb/node-api');
    expect(query.packages).toContain('zod');
  });
});

describe('callq without a build', () => {
  it('says so in one line and exits 1', () => {
    const clone = join(tmp.dir, 'clone');
    mkdirSync(join(clone, 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'package.json'), join(clone, 'package.json'));
    const bin = join(clone, 'bin', 'callq.js');
    copyFileSync(BIN, bin);
    const child = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(child).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'callq: no build in dist/: run npm ci (or npm run build) in the callq folder first\n',
    });
  });
});
