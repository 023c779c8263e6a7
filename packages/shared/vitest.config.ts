import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { baseTestConfig, embeddedPostgresTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  mergeConfig(baseTestConfig, embeddedPostgresTestConfig),
  defineConfig({
    test: {
      // Test files share their worker processes: a fresh process per file cost each file its module imports and
      // PGlite's WASM compile again (bench/RESULTS.md, 2 Dec 2026: 254 s of CPU before, 137 s after). No file here
      // starts an in-process host, which needs @azure/functions loaded after it; vitest-file-reset.ts ends each file
      // as a new process would start the next.
      isolate: false,
      setupFiles: [fileURLToPath(new URL('./src/testing/vitest-file-reset.ts', import.meta.url))],
    },
  }),
);
