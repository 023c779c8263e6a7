// Pipeline runs as a resource: start one on a rating file in Blob (or from a blob event: pipeline-blob-events.ts),
// read its per-stage progress, and the work of the stage queue functions (with failures recorded per attempt, and
// the run failed when a chunk is poisoned).
import { randomUUID } from 'node:crypto';
import { getDb, type Db } from '@suite/shared/db';
import { DependencyError, ValidationError } from '@suite/shared/errors';
import { getModelStore, type ModelStore } from '@suite/shared/models';
import { getRecommenderConfig } from '../config/recommender-config.ts';
import { deleteBlobsUnder, type StorageAccount } from '@suite/shared/storage';
import { tryReadStorageFor } from '../config/storage-accounts.ts';
import { getPipelineConfig, type PipelineConfig } from '../pipeline/pipeline-config.ts';
import {
  createPipelineStorage,
  runPrefix,
  stageQueue,
  type Stage,
  type StageMessage,
} from '../pipeline/pipeline-storage.ts';
import { runPublish } from '../pipeline/publish-stage.ts';
import { inspectInput, type PipelineFormat } from '../pipeline/split-input.ts';
import { runOptionsSchema, type RunOptions, type StageContext } from '../pipeline/stage-context.ts';
import { runClean, runFeatures, runSplit } from '../pipeline/stages.ts';
import { runEvaluate, runTrain } from '../pipeline/train-stages.ts';
import { ensureRecommenderSchema } from '../store/recommender-schema.ts';
import { createBlobEventStarts } from './pipeline-blob-events.ts';
import { readPipelineView, type PipelineView } from './pipeline-view.ts';
import {
  deleteDueRunBlobs,
  type BlobRetentionPolicy,
  type BlobRetentionReport,
} from './run-blob-retention.ts';
import {
  finishRun,
  insertRun,
  listFailures,
  listRunIds,
  recordFailure,
} from '../store/pipeline-repository.ts';

export type { PipelineView, StageView } from './pipeline-view.ts';

/** What POST /api/pipelines takes. */
export interface StartPipelineInput {
  blob: string;
  format?: PipelineFormat;
  options?: Partial<Omit<RunOptions, 'chunkRows'>> & { chunkRows?: number };
}

export interface Pipelines {
  start(input: StartPipelineInput): Promise<PipelineView>;
  get(id: string): Promise<PipelineView>;
  /** The newest runs first. */
  list(limit: number): Promise<PipelineView[]>;
  /** Runs one stage message (a queue function's body); throws so the queue retries. */
  handle(stage: Stage, message: unknown, dequeueCount: number): Promise<void>;
  /**
   * An Event Grid `Microsoft.Storage.BlobCreated` event (an Event Grid subscription delivers them to the
   * `rec-pipeline-uploads` queue): a file under `uploads/` in PIPELINE_CONTAINER starts a run with the default
   * options, its id taken from the event's so a repeated event starts nothing new. A file the start refuses gives a
   * failed run saying why. Returns the run, or undefined for an event about anything else.
   */
  fromBlobEvent(event: unknown): Promise<PipelineView | undefined>;
  /** A message reached `<queue>-poison`: the chunk is marked and the run fails, saying which and why. */
  poisoned(stage: Stage, message: unknown): Promise<void>;
  /** Deletes the chunks and model states of finished runs that are due (run-blob-retention.ts). */
  retainBlobs(policy: BlobRetentionPolicy): Promise<BlobRetentionReport>;
}

export interface PipelinesDeps {
  db: Db;
  store: () => ModelStore;
  config?: PipelineConfig;
  /** The storage account (tests pass Azurite's connection string); default: PIPELINE_STORAGE, read on first use. */
  storage?: StorageAccount | string;
  modelName?: string;
  log?: (message: string) => void;
}

/** An error for the run's `failures`: storage errors often carry their reason only in `code` and `statusCode`. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  const tag = [code, statusCode].filter((part) => part !== undefined && part !== '').join(' ');
  return [error.message, tag ? `(${tag})` : ''].filter(Boolean).join(' ') || error.name;
}

function parseMessage(message: unknown): StageMessage {
  const m = (typeof message === 'string' ? JSON.parse(message) : message) as Partial<StageMessage>;
  if (typeof m?.run !== 'string' || !Number.isInteger(m.chunk) || (m.chunk as number) < 0) {
    throw new Error(`not a pipeline message: ${JSON.stringify(message).slice(0, 200)}`);
  }
  return { run: m.run, chunk: m.chunk as number };
}

export function createPipelines(deps: PipelinesDeps): Pipelines {
  const config = deps.config ?? getPipelineConfig();
  let storage: ReturnType<typeof createPipelineStorage> | undefined;
  const ctx = (): StageContext => {
    if (!storage) {
      const account = deps.storage ?? tryReadStorageFor('pipeline');
      if (!account)
        throw new DependencyError('the pipeline needs PIPELINE_STORAGE or AzureWebJobsStorage', {
          dependency: 'pipeline-storage',
        });
      storage = createPipelineStorage(account, config.PIPELINE_CONTAINER);
    }
    return {
      db: deps.db,
      storage,
      store: deps.store,
      modelName: deps.modelName ?? getRecommenderConfig().RECOMMENDER_MODEL_NAME,
      log: deps.log ?? ((m) => console.info(`[recommender] ${m}`)),
    };
  };
  const ready = () => ensureRecommenderSchema(deps.db);

  const view = (id: string) => readPipelineView(deps.db, id);

  const handlers: Record<Stage, (c: StageContext, m: StageMessage, attempts: number) => Promise<void>> = {
    split: runSplit,
    clean: runClean,
    features: runFeatures,
    train: runTrain,
    evaluate: runEvaluate,
    publish: runPublish,
  };

  const fromBlobEvent = createBlobEventStarts({
    db: deps.db,
    container: config.PIPELINE_CONTAINER,
    ready,
    start: (blob, id) => start({ blob }, id),
    resendSplit: async (id) => ctx().storage.send('split', { run: id, chunk: 0 }),
    view,
  });
  async function start(input: StartPipelineInput, runId?: string): Promise<PipelineView> {
    await ready();
    const parsed = runOptionsSchema.safeParse(input.options ?? {});
    if (!parsed.success) {
      throw new ValidationError(
        'invalid pipeline options',
        parsed.error.issues.map((i) => ({
          path: ['options', ...i.path.map(String)].join('.'),
          message: i.message,
        })),
      );
    }
    const options: RunOptions = {
      ...parsed.data,
      chunkRows: parsed.data.chunkRows ?? config.PIPELINE_CHUNK_ROWS,
    };
    const c = ctx();
    const blob = c.storage.container.getBlobClient(input.blob);
    let format: PipelineFormat;
    try {
      ({ format } = await inspectInput(blob, input.format));
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      if ((error as { statusCode?: number }).statusCode === 404) {
        throw new ValidationError(`no blob ${input.blob} in container ${config.PIPELINE_CONTAINER}`, [
          { path: 'blob', message: 'upload the rating file to this blob first' },
        ]);
      }
      throw new DependencyError('Blob storage did not answer', { dependency: 'blob', cause: error });
    }
    const id = runId ?? randomUUID();
    await insertRun(deps.db, { id, blob: input.blob, format, options });
    // Sent even when the run existed (a retried upload event): the split does nothing twice.
    await c.storage.send('split', { run: id, chunk: 0 });
    return view(id);
  }
  return {
    fromBlobEvent,
    start: (input) => start(input),
    async get(id) {
      await ready();
      return view(id);
    },
    async list(limit) {
      await ready();
      return Promise.all((await listRunIds(deps.db, limit)).map(view));
    },
    async retainBlobs(policy) {
      if (!deps.storage && !storage && !tryReadStorageFor('pipeline')) return { runs: 0, blobs: 0 };
      await ready();
      const { container } = ctx().storage;
      return deleteDueRunBlobs(
        deps.db,
        'rec_pipeline_runs',
        (id) => deleteBlobsUnder(container, runPrefix(id)),
        policy,
      );
    },
    async handle(stage, message, dequeueCount) {
      await ready();
      const m = parseMessage(message);
      try {
        await handlers[stage](ctx(), m, dequeueCount);
      } catch (error) {
        await recordFailure(deps.db, {
          ...m,
          stage,
          attempts: dequeueCount,
          error: errorText(error),
          poisoned: false,
        }).catch(() => undefined);
        throw error;
      }
    },
    async poisoned(stage, message) {
      await ready();
      const m = parseMessage(message);
      const failure = `chunk ${m.chunk} of stage ${stage} failed every attempt; its message is in ${stageQueue(stage)}-poison`;
      await recordFailure(deps.db, { ...m, stage, attempts: 0, error: failure, poisoned: true });
      const last = (await listFailures(deps.db, m.run)).find((f) => f.stage === stage && f.chunk === m.chunk);
      await finishRun(deps.db, m.run, {
        state: 'failed',
        error: `${failure} (last error: ${last?.error ?? 'unknown'})`,
      });
    },
  };
}

let instance: Pipelines | undefined;

/** The app's pipelines (lazy singleton on the shared database and model store). */
export function getPipelines(): Pipelines {
  instance ??= createPipelines({ db: getDb(), store: () => getModelStore() });
  return instance;
}

/** Replace (tests) or forget the singleton. */
export function resetPipelines(next?: Pipelines): void {
  instance = next;
}
