// The recommender service: the one object handlers and timers call. Owns the model cache, the online
// overlays and the database access; every method applies the app's migrations first.
import { getDb, type Db } from '@suite/shared/db';
import { NotFoundError, ValidationError } from '@suite/shared/errors';
import { createModelCache, getModelStore, type ModelCache, type ModelStore } from '@suite/shared/models';
import { createStateStore, type StateStore } from '@suite/shared/state';
import { getRecommenderConfig } from '../config/recommender-config.ts';
import { decodeModel } from '../model/artifact.ts';
import type { FmModel } from '../model/fm-model.ts';
import { ensureRecommenderSchema } from '../store/recommender-schema.ts';
import { importRows, type ImportKind, type ImportReport } from './import-service.ts';
import type { ImportFormat } from '../store/import-rows.ts';
import { recommendFor, scoreFor, type Recommendation, type ScoreResult } from './recommend.ts';
import { recordEvent, type EventInput, type EventResult } from './events.ts';
import { runBatchInference, trainAndPublish, type BatchResult, type TrainReport } from './training-jobs.ts';
import { encodeFeatures, type FeatureRecord, type FeatureResult } from './features.ts';
import type { TrainOptionsInput } from '../training/train-options.ts';
import type { StoredOverlay } from './user-view.ts';

export interface Recommender {
  importData(kind: ImportKind, text: string, format: ImportFormat): Promise<ImportReport>;
  recommend(userId: number, k: number, excludeSeen: boolean): Promise<Recommendation>;
  score(userId: number, itemId: number): Promise<ScoreResult>;
  event(input: EventInput): Promise<EventResult>;
  train(options: TrainOptionsInput): Promise<TrainReport>;
  batch(k?: number): Promise<BatchResult>;
  features(records: FeatureRecord[]): Promise<FeatureResult>;
  /** The served model, or undefined when none is published or it cannot be loaded. */
  tryModel(): Promise<{ model: FmModel; version: string } | undefined>;
}

export interface RecommenderDeps {
  db: Db;
  store: ModelStore | (() => ModelStore);
  modelName?: string;
  refreshIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Shared pieces the use-case modules receive. */
export interface ServiceContext {
  db: Db;
  store: () => ModelStore;
  cache: ModelCache<FmModel>;
  overlays: StateStore<StoredOverlay>;
  modelName: string;
  tryModel: Recommender['tryModel'];
}

export function createRecommender(deps: RecommenderDeps): Recommender {
  const modelName = deps.modelName ?? 'recommender-fm';
  const store = typeof deps.store === 'function' ? deps.store : () => deps.store as ModelStore;
  const cache = createModelCache<FmModel>({
    store,
    decode: (data) => decodeModel(data),
    label: 'recommender',
    maxEntries: 2,
    ...(deps.refreshIntervalMs !== undefined ? { refreshIntervalMs: deps.refreshIntervalMs } : {}),
  });
  const log = deps.log ?? ((m: string, e?: unknown) => console.warn(`[recommender] ${m}`, e ?? ''));
  const ctx: ServiceContext = {
    db: deps.db,
    store,
    cache,
    modelName,
    overlays: createStateStore<StoredOverlay>(deps.db, 'recommender-user'),
    async tryModel() {
      try {
        const loaded = await cache.get(modelName);
        return { model: loaded.model, version: loaded.version };
      } catch (error) {
        // No model yet is normal (fall back); any other load failure is logged and also falls back.
        if (!(error instanceof NotFoundError)) log('model load failed; serving without a model', error);
        return undefined;
      }
    },
  };
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
  return {
    tryModel: ctx.tryModel,
    async importData(kind, text, format) {
      await ready();
      return importRows(ctx, kind, text, format);
    },
    async recommend(userId, k, excludeSeen) {
      await readyWithModel();
      return recommendFor(ctx, userId, k, excludeSeen);
    },
    async score(userId, itemId) {
      await readyWithModel();
      return scoreFor(ctx, userId, itemId);
    },
    async event(input) {
      await ready();
      return recordEvent(ctx, input);
    },
    async train(options) {
      await ready();
      return trainAndPublish(ctx, options);
    },
    async batch(k) {
      await ready();
      return runBatchInference(ctx, k ?? getRecommenderConfig().BATCH_TOP_K);
    },
    async features(records) {
      await ready();
      if (records.length === 0)
        throw new ValidationError('records must not be empty', [{ path: 'body.records', message: 'empty' }]);
      return encodeFeatures(ctx, records);
    },
  };
}

let instance: Recommender | undefined;

/** The app's recommender (lazy singleton on the shared database and model store). */
export function getRecommender(): Recommender {
  instance ??= createRecommender({
    db: getDb(),
    store: () => getModelStore(),
    modelName: getRecommenderConfig().RECOMMENDER_MODEL_NAME,
  });
  return instance;
}

/** Replace (tests) or forget the singleton. */
export function resetRecommender(next?: Recommender): void {
  instance = next;
}
