import { defineConfig } from 'vitest/config';

// chDB binds one data directory per process, so every test file runs in its own forked
// process and opens its own temporary directory (tests/support/database.ts).
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // The browser tests need the built dashboard; this builds it once when a source changed.
    globalSetup: ['tests/support/build-dashboard.ts'],
  },
});
