// What the use-case modules share: the database, the model store and cache, the online overlays and the
// served model. It has its own module so the facade and the use cases both import it, never each other.
import type { Db } from '@suite/shared/db';
import { NotFoundError } from '@suite/shared/errors';
import { createModelCache, type ModelCache, type ModelStore } from '@suite/shared/models';
import { createStateStore, type StateStore } from '@suite/shared/state';
import { decodeModel } from '../model/artifact.ts';
import type { FmModel } from '../model/fm-model.ts';
import type { StoredOverlay } from './user-view.ts';

/** The served model and its version in the model store. */
export interface LoadedModel {
  model: FmModel;
  version: string;
}

export interface ServiceContext {
  db: Db;
  store: () => ModelStore;
  cache: ModelCache<FmModel>;
  overlays: StateStore<StoredOverlay>;
  modelName: string;
  /** The served model, or undefined when none is published or it cannot be loaded; never rejects. */
  tryModel(): Promise<LoadedModel | undefined>;
}

export interface ServiceContextDeps {
  db: Db;
  /** The model store, or a function returning it (read lazily, so no store is built before it is needed). */
  store: ModelStore | (() => ModelStore);
  modelName: string;
  refreshIntervalMs?: number | undefined;
  log: (message: string, error?: unknown) => void;
}

export function createServiceContext(deps: ServiceContextDeps): ServiceContext {
  const { modelName, log } = deps;
  const store = typeof deps.store === 'function' ? deps.store : () => deps.store as ModelStore;
  const cache = createModelCache<FmModel>({
    store,
    decode: (data) => decodeModel(data),
    label: 'recommender',
    maxEntries: 2,
    ...(deps.refreshIntervalMs !== undefined ? { refreshIntervalMs: deps.refreshIntervalMs } : {}),
  });
  return {
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
}
