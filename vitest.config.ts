import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // bin/callq.js runs dist/: build it first (test/build-dist.ts).
    globalSetup: ['test/build-dist.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // DuckDB instances are heavy; two cores, so keep workers low.
    maxWorkers: 2,
  },
});
