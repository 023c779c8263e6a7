// Shared vitest settings: every package writes a JSON summary that .ci/run adds up into one closing line.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export const baseTestConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Bounds on a hang, never on speed (speed is measured in bench/): on a machine at load 30, one in-memory PGlite
    // boot takes 10-20 s, an Azurite start 15-30 s and a first model training as long again, so a 30 s test / 60 s
    // hook bound failed tests that were only slow. A test or hook names a larger bound only when it needs one.
    testTimeout: 120_000,
    // Two test files at a time at least (vitest's default is one fewer than the cores: one on a 2-core CI machine).
    // A file spends much of its time waiting (Azurite and Postgres round trips, child processes starting, a browser
    // page), so a second file fills a core the first leaves idle; and the package that turbo happens to start last
    // (its order among ready tasks varies from run to run) no longer runs alone on one core of two at the end.
    maxWorkers: Math.max(availableParallelism() - 1, 2),
    hookTimeout: 240_000,
    // expect.poll waits for something to happen (a row, a queue message, a log line): 1 s, vitest's default, was a
    // bound on the speed of real storage and host round trips too.
    expect: { poll: { timeout: 30_000 } },
    // The apps a test starts (startHost in process, or a suite-host child, which inherits this) read no
    // local.settings.json: a developer's copy names their dev PGlite folder and Azurite on 10000 / 10001.
    env: { SUITE_LOCAL_SETTINGS: 'off' },
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});

const sharedTesting = (file: string) =>
  fileURLToPath(new URL(`./packages/shared/src/testing/${file}`, import.meta.url));

/**
 * For packages whose tests use the embedded database: the PGlite template is made once (global setup, outside every
 * test's timeout) and every in-memory PGlite in the test processes loads it instead of running initdb.
 */
export const embeddedPostgresTestConfig = defineConfig({
  test: {
    globalSetup: [sharedTesting('vitest-global-setup.ts')],
    setupFiles: [sharedTesting('vitest-setup.ts')],
  },
});

/**
 * For packages whose test files start Azurite: one Azurite per test run (global setup), each startAzurite call taking
 * a storage account of its own there, so files keep their containers and queues apart without an Azurite each.
 */
export const sharedAzuriteTestConfig = defineConfig({
  test: {
    globalSetup: [sharedTesting('vitest-azurite-global-setup.ts')],
    setupFiles: [sharedTesting('vitest-azurite-setup.ts')],
  },
});

/**
 * For apps with a web console: their browser test files serve one console build per test run (the first file to
 * need it builds it) instead of a Vite build each.
 */
export const consoleTestConfig = defineConfig({
  test: {
    globalSetup: [
      fileURLToPath(new URL('./packages/console/src/testing/vitest-global-setup.ts', import.meta.url)),
    ],
  },
});
