import { mergeConfig } from 'vitest/config';
import {
  baseTestConfig,
  consoleTestConfig,
  embeddedPostgresTestConfig,
  sharedAzuriteTestConfig,
} from '../../vitest.shared.ts';

export default mergeConfig(
  mergeConfig(mergeConfig(baseTestConfig, embeddedPostgresTestConfig), consoleTestConfig),
  sharedAzuriteTestConfig,
);
