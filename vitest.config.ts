import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Both cores: the unit files run beside the one browser file at a time (Vitest's default on a
    // 2-core machine is one worker, which left a core idle while Chromium waited on the page).
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
