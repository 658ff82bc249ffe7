/**
 * Vitest's global setup: builds dist/ (`npm run build`, under a second) before any test
 * runs, so the tests that start the real bin (bin/callq.js runs dist/) never run a stale
 * build, whether started by `npm test` or by `npx vitest run FILE`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildDist(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: join(import.meta.dirname, '..'), stdio: 'inherit' });
}
