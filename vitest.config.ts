import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // End-to-end files start the real app as a child process; two cores, so two files at a time.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
