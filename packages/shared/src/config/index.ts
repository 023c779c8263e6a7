// Typed, validated, frozen configuration from environment variables.
/**
 * @example
 * import { z } from 'zod';
 * import { loadConfig, getSharedConfig } from '@suite/shared/config';
 *
 * const config = loadConfig(z.object({ OPENAI_API_KEY: z.string().optional(), TOP_K: z.coerce.number().default(10) }));
 * config.TOP_K; // number, frozen
 * getSharedConfig().modelDir; // absolute path of the model store
 *
 * @module
 */
export { loadConfig, type Env } from './load-config.ts';
export { getSharedConfig, resetSharedConfig, type SharedConfig } from './shared-config.ts';
