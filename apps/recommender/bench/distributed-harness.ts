// The real machinery of a distributed training run for benches: a private Azurite (Blob + queues), a
// database (PGlite, or the server at DATABASE_URL), the run context, and a run driven to its end by
// delivering its queue messages, here or in worker processes (bench/distributed-worker.ts).
import { createTestDb } from '@suite/shared/testing';
import type { TrainInput } from '../src/training/train-model.ts';
import type { TrainOptions } from '../src/training/train-options.ts';
import type { FmModel } from '../src/model/fm-model.ts';
import type { RunContext } from '../src/distributed/run-context.ts';
import { startRun } from '../src/distributed/start-run.ts';
import { handleReduceMessage, handleTaskMessage } from '../src/distributed/training-runs.ts';
import { reduceMessageSchema, taskMessageSchema } from '../src/distributed/training-messages.ts';
import { createTrainingStorage } from '../src/distributed/training-storage.ts';
import { getRun, type RunRow } from '../src/store/training-run-repository.ts';
import { ensureRecommenderSchema } from '../src/store/recommender-schema.ts';
import { startAzuriteStorage, type AzuriteStorage } from '../src/testing/azurite-storage.ts';
import { drainTrainingQueues } from '../src/testing/queue-drain.ts';

export interface Harness {
  azurite: AzuriteStorage;
  db: Awaited<ReturnType<typeof createTestDb>>;
  ctx: RunContext;
  /** The model the last run published. */
  published: () => FmModel | undefined;
  close(): Promise<void>;
}

export async function createHarness(container = 'bench'): Promise<Harness> {
  const azurite = await startAzuriteStorage();
  // A private schema on the server (DATABASE_URL), else PGlite; worker processes need the server.
  const db = await createTestDb();
  await ensureRecommenderSchema(db);
  let last: FmModel | undefined;
  const ctx: RunContext = {
    db,
    storage: createTrainingStorage({ account: azurite.connectionString, container }),
    publish: async (model) => {
      last = model;
      return { version: 'bench', sizeBytes: 0 };
    },
    leaseMs: 600_000,
    maxAttempts: 3,
    now: () => new Date(),
  };
  return {
    azurite,
    db,
    ctx,
    published: () => last,
    async close() {
      await db.dispose();
      await azurite.stop();
    },
  };
}

/** Deliver a run's messages in this process until it ends; returns the finished run. */
export async function driveRun(h: Harness, id: string, batch = 8): Promise<RunRow> {
  await drainTrainingQueues(
    h.azurite.connectionString,
    {
      task: (m) => handleTaskMessage(h.ctx, taskMessageSchema.parse(m)),
      reduce: (m) => handleReduceMessage(h.ctx, reduceMessageSchema.parse(m)),
    },
    { until: async () => (await getRun(h.db, id))?.state !== 'running', timeoutMs: 3_600_000, batch },
  );
  return (await getRun(h.db, id)) as RunRow;
}

/** Start a run and drive it here. */
export async function trainDistributed(
  h: Harness,
  mode: 'data' | 'model',
  workers: number,
  rounds: number,
  options: TrainOptions,
  input: TrainInput,
): Promise<{ run: RunRow; model: FmModel; wallMs: number }> {
  const t0 = performance.now();
  const id = await startRun(h.ctx, mode, workers, rounds, options, input);
  const run = await driveRun(h, id);
  const model = h.published();
  if (run.state !== 'succeeded' || !model)
    throw new Error(`run ${id} ${run.state}: ${JSON.stringify(run.error)}`);
  return { run, model, wallMs: performance.now() - t0 };
}
