import { defineConfig } from 'vitest/config';

// Real-browser tests: one Chromium at a time (2 cores), long timeouts.
// Run with `npm run test:e2e` (builds the extension first).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
    reporters: ['default'],
  },
});
