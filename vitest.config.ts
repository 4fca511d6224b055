import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Both cores for the unit files. Vitest runs a one-file-at-a-time project (browser) only after
    // all the others, so `npm test` (scripts/run-tests.mjs) runs the two projects as two processes.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/pdf/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
          // A guard against hangs, not a speed check: two workers share the cores with Chromium.
          testTimeout: 150_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
