// The inference app's own settings, read once from the environment, validated and frozen.
import { z } from 'zod';
import { loadConfig } from '@suite/shared/config';

const schema = z.object({
  // 0 turns micro-batching off: every request runs on its own.
  INFERENCE_BATCH_WAIT_MS: z.coerce.number().min(0).max(1000).default(2),
  INFERENCE_MAX_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(256),
  // Azure's HTTP front end refuses bodies over 100 MB, so a larger default would only move the error.
  INFERENCE_MAX_MODEL_MB: z.coerce.number().min(0.001).max(100).default(95),
  INFERENCE_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  // Upload URLs (MODEL_STORE=blob): how long one may be used, and the largest model a finalize reads. ONNX files
  // are protobufs, which cannot exceed 2 GiB.
  INFERENCE_UPLOAD_URL_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(15),
  INFERENCE_MAX_UPLOAD_MB: z.coerce.number().min(0.001).max(2048).default(2048),
  // Comma-separated model names loaded when the app starts, before their first request (cold start).
  INFERENCE_PRELOAD: z
    .string()
    .regex(
      /^\s*([a-z0-9][a-z0-9._-]{0,63}\s*(,\s*[a-z0-9][a-z0-9._-]{0,63}\s*)*)?$/,
      'expected model names separated by commas',
    )
    .default(''),
  INFERENCE_UPLOAD_CONTAINER: z
    .string()
    .regex(
      /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
      'expected a blob container name (3-63 of a-z, 0-9, -)',
    )
    .default('model-uploads'),
  // `suite-host --dev` sets 1: an empty model store gets the committed example models (models/), so the console
  // has something to show on a first `npm run dev`.
  SEED_DEMO: z.enum(['0', '1'], 'expected 0 or 1').default('0'),
});

/** The names of every setting the schema reads (its documentation is checked against them). */
export const INFERENCE_SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export interface InferenceConfig {
  /** Longest a request waits for others to share its run (milliseconds); 0 disables micro-batching. */
  batchWaitMs: number;
  /** Rows at which a waiting batch runs at once. */
  maxBatchRows: number;
  /** Largest .onnx upload accepted on PUT /api/models/{name}, in bytes. */
  maxModelBytes: number;
  /** ONNX Runtime intra-op threads per session. */
  threads: number;
  /** Lifetime of an upload URL (milliseconds). */
  uploadUrlMs: number;
  /** Largest uploaded blob a finalize reads, in bytes. */
  maxUploadBytes: number;
  /** Blob container holding uploads until they are published (not the model store's container). */
  uploadContainer: string;
  /** Models loaded at start (INFERENCE_PRELOAD). */
  preload: readonly string[];
  /** SEED_DEMO=1 (dev): publish the committed example models into an empty store at start. */
  seedDemo: boolean;
}

let cached: InferenceConfig | undefined;

export function loadInferenceConfig(env?: Record<string, string | undefined>): InferenceConfig {
  const c = loadConfig(schema, env);
  return Object.freeze({
    batchWaitMs: c.INFERENCE_BATCH_WAIT_MS,
    maxBatchRows: c.INFERENCE_MAX_BATCH_ROWS,
    maxModelBytes: Math.round(c.INFERENCE_MAX_MODEL_MB * 1024 * 1024),
    threads: c.INFERENCE_THREADS,
    uploadUrlMs: Math.round(c.INFERENCE_UPLOAD_URL_MINUTES * 60_000),
    maxUploadBytes: Math.round(c.INFERENCE_MAX_UPLOAD_MB * 1024 * 1024),
    uploadContainer: c.INFERENCE_UPLOAD_CONTAINER,
    preload: Object.freeze(
      c.INFERENCE_PRELOAD.split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ),
    seedDemo: c.SEED_DEMO === '1',
  });
}

/** Lazy singleton from process.env; a bad value throws a ConfigError naming the variable. */
export function getInferenceConfig(): InferenceConfig {
  cached ??= loadInferenceConfig();
  return cached;
}

export function resetInferenceConfig(): void {
  cached = undefined;
}
