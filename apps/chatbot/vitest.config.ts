import { mergeConfig } from 'vitest/config';
import { baseTestConfig, consoleTestConfig, embeddedPostgresTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  mergeConfig(mergeConfig(baseTestConfig, embeddedPostgresTestConfig), consoleTestConfig),
  // One trained demo store per run, copied by the tests that need a served model (src/testing/trained-models.ts).
  { test: { globalSetup: ['src/testing/vitest-trained-models.ts'] } },
);
