import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default keeps a core free, which on two cores leaves a single worker for everything. With
    // the builds beside them, two took 220 s where three took 248 s (one run each, 2 cores).
    maxWorkers: 2,
    // Fewer workers than files while some are still running ends the run with tinypool's "Terminating worker thread".
    minWorkers: 2,
    // A worker runs file after file in one process: a fresh process per file cost each of the 70-odd files
    // a second or more of start-up and imports. Tests that change process state (env, mocks) undo it.
    isolate: false,
    setupFiles: ['test/setup.ts'],
    projects: [
      // The `next build`s are minutes of one worker. In a pool of their own they run beside the rest from the
      // start: with isolation off, Vitest runs one project's files after another's within a pool.
      { extends: true, test: { name: 'builds', include: ['test/e2e/migrate-build.test.ts'], pool: 'threads' } },
      {
        extends: true,
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/e2e/migrate-build.test.ts'] },
      },
    ],
  },
});
