import { defineConfig } from 'vitest/config';

// Browser benchmarks (npm run bench:browser): one Chromium, long timeouts, never part of npm test.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.bench.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
  },
});
