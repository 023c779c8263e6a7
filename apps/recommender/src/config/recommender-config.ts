// The recommender's own settings from the environment, read once, validated and frozen.
import { z } from 'zod';
import { loadConfig, type Env } from '@suite/shared/config';

const schema = z.object({
  /** Name of the model in the model store. */
  RECOMMENDER_MODEL_NAME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .default('recommender-fm'),
  /** NCRONTAB (6 fields) of the periodic retrain. */
  RETRAIN_SCHEDULE: z.string().min(11).default('0 0 3 * * *'),
  /** NCRONTAB of the batch top-K job. */
  BATCH_SCHEDULE: z.string().min(11).default('0 30 3 * * *'),
  /** How many items the batch job stores per user. */
  BATCH_TOP_K: z.coerce.number().int().min(1).max(100).default(20),
  /** Training options of timer retrains, as JSON (same fields as POST /api/train). */
  RETRAIN_OPTIONS: z.string().default('{}'),
});

export type RecommenderConfig = Readonly<z.infer<typeof schema>>;

let config: RecommenderConfig | undefined;

/** The recommender settings (lazy singleton). A ConfigError names the bad variable. */
export function getRecommenderConfig(): RecommenderConfig {
  config ??= loadConfig(schema);
  return config;
}

export function loadRecommenderConfig(env: Env): RecommenderConfig {
  return loadConfig(schema, env);
}

export function resetRecommenderConfig(): void {
  config = undefined;
}
