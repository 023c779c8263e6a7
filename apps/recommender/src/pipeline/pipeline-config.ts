// Settings of the pipeline-parallel data path, read once from the environment, validated and frozen.
import { z } from 'zod';
import { loadConfig, type Env } from '@suite/shared/config';

const schema = z.object({
  /** Blob container of uploaded rating files and of each run's chunks and model states. */
  PIPELINE_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'expected a Blob container name')
    .default('rec-pipelines'),
  /** Rows per chunk: the unit of every stage's invocation and what bounds its memory. */
  PIPELINE_CHUNK_ROWS: z.coerce.number().int().min(10).max(2_000_000).default(100_000),
});

/** The variables this schema reads (the README, local.settings.example.json and turbo.json must name each). */
export const PIPELINE_SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export type PipelineConfig = Readonly<z.infer<typeof schema>>;

let config: PipelineConfig | undefined;

/** The environment's pipeline settings, read once. */
export function getPipelineConfig(): PipelineConfig {
  config ??= loadConfig(schema);
  return config;
}

/** Settings from `env` (tests, benches). */
export function loadPipelineConfig(env: Env): PipelineConfig {
  return loadConfig(schema, env);
}

export function resetPipelineConfig(): void {
  config = undefined;
}
