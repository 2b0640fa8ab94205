import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/sequencer.js';

// Layers, selectable with --project: fast unit and in-memory generator tests, CLI tests that spawn the
// built binary, offline checks of the cloud deployment files, and end-to-end tests that install generated projects and run them against real databases.
export default defineConfig({
  test: {
    // Vitest's default in run mode is one worker per core minus one: a single worker on CI's two cores. Two
    // files at a time pay off because an e2e case spends much of its time waiting on installs, databases and
    // servers; the sequencer starts the longest files first so both workers finish together.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/generator/**/*.test.ts', 'test/import/**/*.test.ts'] } },
      // Evolving a project: model diff and migrations (against the CI databases when their URLs are set).
      { test: { name: 'update', include: ['test/update/**/*.test.ts'], testTimeout: 120_000 } },
      { test: { name: 'cli', include: ['test/cli/**/*.test.ts'], testTimeout: 60_000 } },
      {
        // Deployment files of every cloud target, verified offline (test/cloud/README.md).
        test: {
          name: 'cloud',
          include: ['test/cloud/**/*.test.ts'],
          globalSetup: ['test/cloud/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Files run two at a time (maxWorkers above). Each case has its own directory, databases and port.
          globalSetup: ['test/e2e/setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
