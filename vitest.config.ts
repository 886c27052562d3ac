import os from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

type Suite = 'pglite' | 'postgres' | 'e2e';

const integration = ['src/**/*.int.test.ts', 'bench/**/*.int.test.ts'];

/**
 * Files that measure time (how fast the server answers while a hostile upload is read, how long
 * a read may take) run after everything else, one at a time, on an otherwise idle machine.
 */
const timed: Record<Suite, string[]> = {
  pglite: ['src/server/modules/imports/mau2.responsive.int.test.ts', 'src/server/lib/xlsx-reader.fuzz.test.ts'],
  postgres: ['src/server/modules/imports/mau2.responsive.int.test.ts'],
  e2e: ['tests/e2e/hostile-upload.spec.ts'],
};

const suites: Record<Suite, NonNullable<TestProjectInlineConfiguration['test']>> = {
  pglite: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['tests/global-pglite.ts'],
    env: { TEST_DB: 'pglite' },
  },
  postgres: { include: integration, globalSetup: ['tests/global-postgres.ts'], env: { TEST_DB: 'postgres' } },
  e2e: { include: ['tests/e2e/**/*.spec.ts'], testTimeout: 120_000 },
};

/** Each suite twice: the bulk in parallel (group 0), then its timed files alone (group 1). */
const projects: TestProjectInlineConfiguration[] = (Object.keys(suites) as Suite[]).flatMap((name) => [
  { extends: true, test: { ...suites[name], name, exclude: timed[name], sequence: { groupOrder: 0 } } },
  { extends: true, test: { ...suites[name], name: `${name}-timed`, include: timed[name], maxWorkers: 1, sequence: { groupOrder: 1 } } },
]);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Files are independent (each has its own database, directories and ports): use both CPUs
    // of a small machine, and every CPU but one of a larger one.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects,
  },
});
