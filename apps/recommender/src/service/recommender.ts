// The recommender service: the one object handlers and timers call. It owns schema readiness and the rules
// every entry point obeys (the training budget, one training job at a time), and hands each use case the
// shared context (database, model cache, online overlays).
import { getDb, type Db } from '@suite/shared/db';
import { createJobRunner, type JobRunner, type JobView } from '@suite/shared/jobs';
import { ValidationError } from '@suite/shared/errors';
import { getModelStore, type ModelStore } from '@suite/shared/models';
import { recordPrediction } from '@suite/shared/telemetry';
import { getRecommenderConfig, type RecommenderConfig } from '../config/recommender-config.ts';
import type { ImportFormat } from '../data/import-rows.ts';
import type { TrainOptionsInput } from '../training/train-options.ts';
import { ensureRecommenderSchema } from '../store/recommender-schema.ts';
import { runBatchInference, type BatchResult } from './batch-inference.ts';
import {
  encodeFeatures,
  type FeatureAccess,
  type FeatureRecord,
  type FeatureResult,
} from './encode-features.ts';
import { importRows, type ImportKind, type ImportReport } from './import-data.ts';
import { recommendFor, type Recommendation } from './recommend.ts';
import { recordEvent, type EventInput, type EventResult } from './record-event.ts';
import { scoreFor, type ScoreResult } from './score.ts';
import { createServiceContext, type LoadedModel } from './service-context.ts';
import { seedDemoIfEmpty } from './demo-seed.ts';
import { encodePublicModel, type PublicArtifact } from './public-artifact.ts';
import { trainAndPublish, type TrainReport } from './train-and-publish.ts';
import { resolveWithinBudget } from './training-rules.ts';
import { createTrainingRuns, type TrainingRuns } from './training-runs-service.ts';
import type { TrainingStorage } from '../distributed/training-storage.ts';

export interface Recommender {
  importData(kind: ImportKind, text: string, format: ImportFormat): Promise<ImportReport>;
  recommend(userId: number, k: number, excludeSeen: boolean): Promise<Recommendation>;
  score(userId: number, itemId: number): Promise<ScoreResult>;
  event(input: EventInput): Promise<EventResult>;
  /**
   * Start a training job and answer at once with it (queued); a ValidationError over the budget, a
   * ConflictError while another job runs (on any instance).
   */
  startTraining(options: TrainOptionsInput): Promise<JobView>;
  /** Train as a job and wait for it: the report, or the job's error. */
  train(options: TrainOptionsInput): Promise<TrainReport>;
  /** Training jobs (the rec_jobs table): read, list, cancel, stream. */
  jobs: JobRunner;
  /** Distributed training runs across function invocations (queues, Blob, PostgreSQL). */
  trainingRuns: TrainingRuns;
  /** What the model-version endpoints act on: the store, the app's model name, and a reload after a pin. */
  models: ModelVersionsAccess;
  /**
   * With SEED_DEMO (dev): an empty database gets generated demo data and a first training job; returns whether
   * it seeded. Logged as it happens.
   */
  seedDemoIfEmpty(): Promise<boolean>;
  /** The timer's retrain: `train` with RETRAIN_OPTIONS, under the same rules. */
  retrain(): Promise<TrainReport>;
  /** Top-`k` (default BATCH_TOP_K) for every user into the batch table. */
  batch(k?: number): Promise<BatchResult>;
  /** Feature vectors; stored users' data fill a record's gaps only with `storedUserData` (admin callers). */
  features(records: FeatureRecord[], access: FeatureAccess): Promise<FeatureResult>;
  /** The served model, or undefined when none is published or it cannot be loaded. */
  tryModel(): Promise<LoadedModel | undefined>;
  /** The served model's artifact without user rows (public-model.ts), or undefined when none is served. */
  publicModel(): Promise<PublicArtifact | undefined>;
}

export interface ModelVersionsAccess {
  store: () => ModelStore;
  names: () => readonly string[];
  /** Serve `latest` of `name` on this instance at once (other instances follow within MODEL_REFRESH_SECONDS). */
  reload: (name: string) => Promise<unknown>;
}

export interface RecommenderDeps {
  db: Db;
  store: ModelStore | (() => ModelStore);
  /** Settings; default: the environment's, read once. */
  config?: RecommenderConfig;
  refreshIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Storage of distributed training runs (tests); default: from TRAINING_STORAGE / AzureWebJobsStorage. */
  trainingStorage?: TrainingStorage;
}

export function createRecommender(deps: RecommenderDeps): Recommender {
  const config = deps.config ?? getRecommenderConfig();
  const log = deps.log ?? ((m: string, e?: unknown) => console.warn(`[recommender] ${m}`, e ?? ''));
  const ctx = createServiceContext({
    db: deps.db,
    store: deps.store,
    modelName: config.RECOMMENDER_MODEL_NAME,
    refreshIntervalMs: deps.refreshIntervalMs,
    log,
  });
  const ready = async () => {
    await ensureRecommenderSchema(deps.db);
  };
  // On a cold instance the model load (store read + decode) overlaps the schema check's database round trips;
  // tryModel never rejects, and the serving code then finds the model in the cache.
  const readyWithModel = async () => {
    const model = ctx.tryModel();
    await ready();
    await model;
  };
  const jobs = createJobRunner({ db: deps.db, table: 'rec_jobs', ready, log });
  const start = (input: TrainOptionsInput) => {
    const options = resolveWithinBudget(input);
    return jobs.start('train', options, (job) =>
      trainAndPublish(ctx, options, (record, progress) => job.report(progress, record)),
    );
  };
  const train = async (input: TrainOptionsInput): Promise<TrainReport> => (await start(input)).done;
  let publicArtifact: Promise<PublicArtifact> | undefined;
  let publicVersion: string | undefined;
  return {
    tryModel: ctx.tryModel,
    async importData(kind, text, format) {
      await ready();
      return importRows(ctx, kind, text, format);
    },
    async recommend(userId, k, excludeSeen) {
      await readyWithModel();
      const started = performance.now();
      const answer = await recommendFor(ctx, userId, k, excludeSeen);
      const source = answer.source;
      recordPrediction(performance.now() - started, { app: 'recommender', operation: 'recommend', source });
      return answer;
    },
    async score(userId, itemId) {
      await readyWithModel();
      const started = performance.now();
      const answer = await scoreFor(ctx, userId, itemId);
      recordPrediction(performance.now() - started, { app: 'recommender', operation: 'score' });
      return answer;
    },
    async event(input) {
      await ready();
      return recordEvent(ctx, input, { openCatalogue: config.ITEM_CATALOGUE === 'open' });
    },
    startTraining: async (input) => (await start(input)).job,
    trainingRuns: createTrainingRuns({
      ctx,
      ready,
      config,
      ...(deps.trainingStorage ? { storage: deps.trainingStorage } : {}),
    }),
    train: async (input) => train(input),
    jobs,
    models: {
      store: ctx.store,
      names: () => [ctx.modelName],
      reload: (name) => ctx.cache.refresh(name),
    },
    retrain: async () => train(config.RETRAIN_OPTIONS),
    async seedDemoIfEmpty() {
      await ready();
      return seedDemoIfEmpty({
        ctx,
        importRows: (kind, text) => importRows(ctx, kind, text, 'json'),
        startTraining: async (options) => (await start(options)).job,
        log: (message) => console.info(`[recommender] ${message}`),
      });
    },
    async batch(k) {
      await ready();
      return runBatchInference(ctx, k ?? config.BATCH_TOP_K);
    },
    async publicModel() {
      await readyWithModel();
      const loaded = await ctx.tryModel();
      if (!loaded) return undefined;
      if (publicVersion !== loaded.version || !publicArtifact) {
        publicVersion = loaded.version;
        publicArtifact = encodePublicModel(ctx.db, loaded.model, loaded.version);
        publicArtifact.catch(() => (publicArtifact = undefined));
      }
      return publicArtifact;
    },
    async features(records, access) {
      await ready();
      if (records.length === 0)
        throw new ValidationError('records must not be empty', [{ path: 'records', message: 'empty' }]);
      return encodeFeatures(ctx, records, access);
    },
  };
}

let instance: Recommender | undefined;

/** The app's recommender (lazy singleton on the shared database and model store). */
export function getRecommender(): Recommender {
  instance ??= createRecommender({ db: getDb(), store: () => getModelStore() });
  return instance;
}

/** Replace (tests) or forget the singleton. */
export function resetRecommender(next?: Recommender): void {
  instance = next;
}
