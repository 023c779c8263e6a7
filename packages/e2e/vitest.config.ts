import { defineConfig, mergeConfig } from 'vitest/config';
import { baseTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  baseTestConfig,
  defineConfig({
    // One file at a time: package.test.ts and clouds.test.ts both build each app's console into the app's own
    // dist-web when it is stale (a fresh clone has none), and a Vite build empties that folder first.
    test: { fileParallelism: false },
  }),
);
