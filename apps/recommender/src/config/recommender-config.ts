// The recommender's own settings from the environment, read once at start, validated and frozen.
import { z } from 'zod';
import { loadConfig, type Env } from '@suite/shared/config';
import { tryDescribeOverBudget } from '../training/train-budget.ts';
import {
  resolveTrainOptions,
  trainOptionsSchema,
  type TrainOptionsInput,
} from '../training/train-options.ts';

/**
 * RETRAIN_OPTIONS as the timer will use them: JSON with the fields of POST /api/train, within the same bounds
 * and the same training budget. Checked here so a typo fails the app at start, not the retrain at 03:00.
 */
function parseRetrainOptions(text: string, ctx: z.RefinementCtx): TrainOptionsInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.addIssue({ code: 'custom', message: `expected JSON training options (${reason})` });
    return z.NEVER;
  }
  const parsed = trainOptionsSchema.strict().safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`,
    );
    ctx.addIssue({ code: 'custom', message: `invalid training options: ${issues.join('; ')}` });
    return z.NEVER;
  }
  const overBudget = tryDescribeOverBudget(resolveTrainOptions(parsed.data));
  if (overBudget) {
    ctx.addIssue({ code: 'custom', message: overBudget });
    return z.NEVER;
  }
  return parsed.data;
}

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
  /** Training options of timer retrains, as JSON (same fields and budget as POST /api/train). */
  RETRAIN_OPTIONS: z.string().default('{}').transform(parseRetrainOptions),
  /**
   * `on`: GET /api/edge/model serves the served model without any user's row (item factors, biases, genres,
   * titles), for the console's private mode and other devices; `off`: that route answers 404.
   */
  EDGE_MODEL: z.enum(['on', 'off'], 'expected on or off').default('on'),
  /**
   * `closed`: an event must name an item of the catalogue (one imported with POST /api/items/import, or named by
   * an imported rating), else 400 naming `itemId`; `open`: an event may name any item id, which joins the
   * catalogue (untitled, without genres) at the next training.
   */
  ITEM_CATALOGUE: z.enum(['closed', 'open'], 'expected closed or open').default('closed'),
  /** Blob container of run data, parameters and blocks. */
  TRAINING_CONTAINER: z
    .string()
    .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'expected a Blob container name')
    .default('rec-training'),
  /** A work unit not finished within this many seconds is sent again (straggler policy). */
  TRAINING_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** Sends of a unit before it is dropped from its step so the run goes on. */
  TRAINING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** Days a failed training or pipeline run's working blobs are kept for inspection (a succeeded run's go at once). */
  FAILED_RUN_BLOB_DAYS: z.coerce
    .number('expected a number of days')
    .int('expected a whole number of days')
    .min(0, 'expected 0 or more days')
    .max(3650)
    .default(7),
  /** NCRONTAB of the pass deleting finished runs' working blobs. */
  RUN_BLOB_RETENTION_SCHEDULE: z.string().min(11).default('0 */5 * * * *'),
  /** `1`: seed an empty database with generated demo data and a first model (set by `suite-host --dev`). */
  SEED_DEMO: z
    .enum(['0', '1'], 'expected 0 or 1')
    .default('0')
    .transform((v) => v === '1'),
});

/** The variables this schema reads (the README, local.settings.example.json and turbo.json must name each). */
export const RECOMMENDER_SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export type RecommenderConfig = Readonly<z.infer<typeof schema>>;

let config: RecommenderConfig | undefined;

/** The recommender settings (lazy singleton, first read at start). A ConfigError names the bad variable. */
export function getRecommenderConfig(): RecommenderConfig {
  config ??= loadConfig(schema);
  return config;
}

/** Settings from `env` (tests, tools); throws a ConfigError naming the bad variable. */
export function loadRecommenderConfig(env: Env): RecommenderConfig {
  return loadConfig(schema, env);
}

/** Forget the singleton so the next read takes the environment again (tests). */
export function resetRecommenderConfig(): void {
  config = undefined;
}
