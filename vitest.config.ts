import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The six `next build`s: minutes of one worker, so they start first and run beside the rest, not after it. */
const BUILDS = 'builds';

class BuildsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((file) => file.project.name === BUILDS), ...sorted.filter((file) => file.project.name !== BUILDS)];
  }
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default keeps a core free, which on two cores leaves a single worker for everything.
    maxWorkers: 3,
    minWorkers: 1,
    sequence: { sequencer: BuildsFirst },
    projects: [
      { extends: true, test: { name: BUILDS, include: ['test/e2e/migrate-build.test.ts'] } },
      {
        extends: true,
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/e2e/migrate-build.test.ts'] },
      },
    ],
  },
});
