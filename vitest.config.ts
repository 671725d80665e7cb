import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // One PostgreSQL and one Redis for the whole run; each test file takes a database of its own.
    globalSetup: ['test/setup/servers.ts'],
    // End-to-end files start the real app as a child process; two cores, so two files at a time.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
