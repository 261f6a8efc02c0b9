import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests, and end-to-end tests that drive the
// built UI in Debian's Chromium (they need `npm run build:renderer` first).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          environment: 'node',
          // Generous: on a loaded 2-core machine the first test of a file that imports the host's module graph
          // waits seconds for the transform. Speed is measured by `npm run bench`, never by a test's timeout.
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
