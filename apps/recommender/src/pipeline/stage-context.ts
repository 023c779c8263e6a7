// What every stage needs: the database, the pipeline's storage, the model store, and a run's training options.
import type { Db } from '@suite/shared/db';
import type { ModelStore } from '@suite/shared/models';
import { z } from 'zod';
import type { PipelineStorage } from './pipeline-storage.ts';

/** Options of a run (the body of POST /api/pipelines besides `blob`), validated with their defaults. */
export const runOptionsSchema = z.object({
  /** Rows per chunk; default PIPELINE_CHUNK_ROWS. */
  chunkRows: z.number().int().min(10).max(2_000_000).optional(),
  k: z.number().int().min(1).max(128).default(16),
  optimizer: z.enum(['sgd', 'momentum', 'adagrad']).default('adagrad'),
  learningRate: z.number().positive().max(1).default(0.05),
  reg: z.number().min(0).max(1).default(0.02),
  epochsPerChunk: z.number().int().min(1).max(20).default(1),
  /** Share of rows (by a hash of user and item) held out of training and scored by the evaluate stage. */
  holdout: z.number().min(0).max(0.5).default(0.1),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  /** Upsert the clean rows into the ratings table too (the import's idempotent upsert). */
  storeRatings: z.boolean().default(true),
  /** Publish the trained model as the served version when the run ends. */
  publish: z.boolean().default(true),
});
export type RunOptions = z.infer<typeof runOptionsSchema> & { chunkRows: number };

export interface StageContext {
  db: Db;
  storage: PipelineStorage;
  store: () => ModelStore;
  modelName: string;
  log: (message: string) => void;
}
