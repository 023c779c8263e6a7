import { mergeConfig } from 'vitest/config';
import { baseTestConfig, embeddedPostgresTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(baseTestConfig, embeddedPostgresTestConfig);
