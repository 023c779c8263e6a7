// Distributed training runs as the service offers them: POST /api/training-runs starts one from the stored
// data, GET describes it, the queue functions hand over their messages and the timer sweeps expired leases.
// The storage (Blob + queues) is built once per instance from TRAINING_STORAGE (or AzureWebJobsStorage), read on
// first use.
import { DependencyError, NotFoundError, ValidationError } from '@suite/shared/errors';
import type { RecommenderConfig } from '../config/recommender-config.ts';
import { tryReadStorageFor } from '../config/storage-accounts.ts';
import { encodeModel } from '../model/artifact.ts';
import { loadTrainingData } from '../store/history-repository.ts';
import { getRun, listRuns } from '../store/training-run-repository.ts';
import { runBlob, type RunContext } from '../distributed/run-context.ts';
import { describeRun, type RunView } from '../distributed/run-view.ts';
import { startRun } from '../distributed/start-run.ts';
import { sweepTrainingRuns, type SweepReport } from '../distributed/straggler-sweep.ts';
import {
  DEFAULT_ROUNDS,
  toTrainOptions,
  trainingRunRequestSchema,
  type TrainingRunRequest,
} from '../distributed/training-run-request.ts';
import {
  parseQueueMessage,
  reduceMessageSchema,
  taskMessageSchema,
} from '../distributed/training-messages.ts';
import { handleReduceMessage, handleTaskMessage, type MessageOutcome } from '../distributed/training-runs.ts';
import { createTrainingStorage, type TrainingStorage } from '../distributed/training-storage.ts';
import {
  deleteDueRunBlobs,
  type BlobRetentionPolicy,
  type BlobRetentionReport,
} from './run-blob-retention.ts';
import type { ServiceContext } from './service-context.ts';
import { resolveWithinBudget } from './training-rules.ts';

export interface TrainingRuns {
  start(request: TrainingRunRequest): Promise<RunView>;
  get(id: string): Promise<RunView>;
  list(limit: number): Promise<RunView[]>;
  handleTask(message: unknown): Promise<MessageOutcome>;
  handleReduce(message: unknown): Promise<MessageOutcome>;
  sweep(): Promise<SweepReport>;
  /** Deletes the working blobs of finished runs that are due (run-blob-retention.ts). */
  retainBlobs(policy: BlobRetentionPolicy): Promise<BlobRetentionReport>;
}

export interface TrainingRunsDeps {
  ctx: ServiceContext;
  ready: () => Promise<void>;
  config: RecommenderConfig;
  /** Tests and benches pass their own (Azurite); default: from the config. */
  storage?: TrainingStorage;
  now?: () => Date;
}

const MIN_RATINGS = 10;

export function createTrainingRuns(deps: TrainingRunsDeps): TrainingRuns {
  const { ctx, config } = deps;
  let storage = deps.storage;
  const getStorage = (): TrainingStorage => {
    if (storage) return storage;
    const account = tryReadStorageFor('training');
    if (!account)
      throw new DependencyError('distributed training needs TRAINING_STORAGE or AzureWebJobsStorage', {
        dependency: 'training-storage',
      });
    storage = createTrainingStorage({ account, container: config.TRAINING_CONTAINER });
    return storage;
  };
  let run: RunContext | undefined;
  const context = (): RunContext =>
    (run ??= {
      db: ctx.db,
      storage: getStorage(),
      leaseMs: config.TRAINING_LEASE_SECONDS * 1000,
      maxAttempts: config.TRAINING_MAX_ATTEMPTS,
      now: deps.now ?? (() => new Date()),
      async publish(model, metadata) {
        const manifest = await ctx.store().publish(ctx.modelName, encodeModel(model), { metadata });
        ctx.cache.set(ctx.modelName, {
          name: ctx.modelName,
          version: manifest.version,
          model,
          loadMs: 0,
          loadedAt: new Date(),
        });
        return { version: manifest.version, sizeBytes: manifest.sizeBytes };
      },
    });
  const view = async (id: string): Promise<RunView> => {
    const row = await getRun(ctx.db, id);
    if (!row) throw new NotFoundError(`no training run ${id}`);
    return describeRun(ctx.db, row);
  };
  return {
    async start(input) {
      const request = trainingRunRequestSchema.parse(input);
      const options = resolveWithinBudget(toTrainOptions(request));
      const c = context();
      await deps.ready();
      const data = await loadTrainingData(ctx.db);
      if (data.ratings.user.length < MIN_RATINGS)
        throw new ValidationError(
          `need at least ${MIN_RATINGS} stored ratings to train, found ${data.ratings.user.length}`,
          [{ path: 'ratings', message: 'import ratings first (POST /api/ratings/import)' }],
        );
      const rounds = request.mode === 'data' ? (request.rounds ?? DEFAULT_ROUNDS) : request.workers;
      return view(await startRun(c, request.mode, request.workers, rounds, options, data));
    },
    async get(id) {
      await deps.ready();
      return view(id);
    },
    async list(limit) {
      await deps.ready();
      return Promise.all((await listRuns(ctx.db, limit)).map((r) => describeRun(ctx.db, r)));
    },
    async handleTask(message) {
      await deps.ready();
      return handleTaskMessage(context(), parseQueueMessage(taskMessageSchema, message));
    },
    async handleReduce(message) {
      await deps.ready();
      return handleReduceMessage(context(), parseQueueMessage(reduceMessageSchema, message));
    },
    async sweep() {
      // Without a storage account no run can have started: nothing to sweep (the dev host without Azurite).
      if (!storage && !tryReadStorageFor('training')) return { resent: 0, dropped: 0, reducesResent: 0 };
      await deps.ready();
      return sweepTrainingRuns(context());
    },
    async retainBlobs(policy) {
      if (!storage && !tryReadStorageFor('training')) return { runs: 0, blobs: 0 };
      await deps.ready();
      const blobs = getStorage();
      return deleteDueRunBlobs(
        ctx.db,
        'rec_training_runs',
        (id) => blobs.deleteUnder(runBlob.all(id)),
        policy,
      );
    },
  };
}
