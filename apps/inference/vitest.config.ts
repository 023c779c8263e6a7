import { mergeConfig } from 'vitest/config';
import { baseTestConfig, consoleTestConfig, embeddedPostgresTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(mergeConfig(baseTestConfig, embeddedPostgresTestConfig), consoleTestConfig);
