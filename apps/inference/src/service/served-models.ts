// The models this instance serves: the latest version of each name through the shared warm ModelCache, pinned
// versions in a small cache of their own, and the pins read from the database at most once per refresh interval.
import { NotFoundError, SuiteError, ValidationError } from '@suite/shared/errors';
import { createModelCache, type ModelManifest, type ModelStore } from '@suite/shared/models';
import { createMicroBatcher, type MicroBatcher } from '../runtime/micro-batcher.ts';
import { loadOnnxModel, type OnnxModel } from '../runtime/onnx-model.ts';
import type { Signature } from '../runtime/signature.ts';

/** A loaded version, ready to run. */
export interface ServedModel {
  name: string;
  version: string;
  model: OnnxModel;
  batcher: MicroBatcher;
  /** What the publisher attached (labels, preprocessing note, metrics). */
  metadata: Record<string, unknown>;
  signature: Signature;
}

export interface ServedModelsOptions {
  store: ModelStore | (() => ModelStore);
  threads: number;
  batchWaitMs: number;
  maxBatchRows: number;
  refreshIntervalMs: number;
  /** The pinned version of `name`, or undefined; read through a per-name cache of `refreshIntervalMs`. */
  readPin: (name: string) => Promise<string | undefined>;
  now?: () => number;
}

export interface ServedModels {
  /** The version `name` serves now: its pin, else its latest. NotFoundError when nothing is published. */
  get(name: string): Promise<ServedModel>;
  /**
   * What {@link get} answered for `name` within the last second, without a promise: the warm path of a request.
   * Undefined when `get` must look (first request, after a second, after a publish, pin or unpin here).
   */
  peek(name: string): ServedModel | undefined;
  /** A given version, loaded once and kept beside the pinned ones. NotFoundError when it was never published. */
  getVersion(name: string, version: string): Promise<ServedModel>;
  /** Wraps an already loaded model (publish) and serves it as the latest at once. */
  install(manifest: ModelManifest, model: OnnxModel): ServedModel;
  /** Forgets the cached pin of `name` (after a pin or unpin here). */
  forgetPin(name: string): void;
}

const MAX_PINNED = 16;
/** How long a resolved answer of get is reused by peek: well under any refresh interval, so nothing is missed. */
const PEEK_MS = 1_000;

export function createServedModels(options: ServedModelsOptions): ServedModels {
  const now = options.now ?? Date.now;
  const storeOf = () => (typeof options.store === 'function' ? options.store() : options.store);
  const wrap = (manifest: ModelManifest, model: OnnxModel): ServedModel => ({
    name: manifest.name,
    version: manifest.version,
    model,
    batcher: createMicroBatcher(model, { waitMs: options.batchWaitMs, maxRows: options.maxBatchRows }),
    metadata: (manifest.metadata['metadata'] as Record<string, unknown> | undefined) ?? {},
    signature: model.signature,
  });
  // A stored version ONNX Runtime cannot load is the store's fault, not the caller's: a 500, never publish's 400.
  const decode = async (data: Uint8Array, manifest: ModelManifest) => {
    try {
      return wrap(manifest, await loadOnnxModel(data, { threads: options.threads }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new SuiteError(
        `Stored model ${manifest.name}@${manifest.version} cannot be loaded: ${error.message}`,
        {
          code: 'model_unloadable',
          status: 500,
          cause: error,
        },
      );
    }
  };
  const latest = createModelCache<ServedModel>({
    store: options.store,
    label: 'inference',
    decode,
    refreshIntervalMs: options.refreshIntervalMs,
  });
  const pinned = new Map<string, Promise<ServedModel>>();
  const pins = new Map<string, { version: string | undefined; readAt: number }>();
  const recent = new Map<string, { model: ServedModel; until: number }>();
  const remember = (name: string, model: ServedModel): ServedModel => {
    recent.set(name, { model, until: now() + Math.min(PEEK_MS, options.refreshIntervalMs) });
    return model;
  };

  async function pinOf(name: string): Promise<string | undefined> {
    const cached = pins.get(name);
    if (cached && now() - cached.readAt < options.refreshIntervalMs) return cached.version;
    const version = await options.readPin(name);
    pins.set(name, { version, readAt: now() });
    return version;
  }

  function loadVersion(name: string, version: string): Promise<ServedModel> {
    const key = `${name}@${version}`;
    let loading = pinned.get(key);
    if (!loading) {
      loading = storeOf()
        .load(name, version)
        .then(({ data, manifest }) => decode(data, manifest));
      loading.catch(() => pinned.delete(key)); // a failed load is forgotten: the next request retries
      pinned.set(key, loading);
      if (pinned.size > MAX_PINNED) pinned.delete(pinned.keys().next().value!);
    }
    return loading;
  }

  return {
    async get(name) {
      // Side by side: on a cold instance the pin read (the database's first query) and the model load overlap.
      const loadingLatest = latest.get(name);
      loadingLatest.catch(() => undefined); // a pinned model is served even if the latest cannot be read
      const pin = await pinOf(name);
      if (pin !== undefined) return remember(name, await loadVersion(name, pin));
      try {
        return remember(name, (await loadingLatest).model);
      } catch (error) {
        if (error instanceof NotFoundError) throw new NotFoundError(`No model named "${name}" is published.`);
        throw error;
      }
    },
    peek(name) {
      const hit = recent.get(name);
      return hit !== undefined && now() < hit.until ? hit.model : undefined;
    },
    getVersion: (name, version) => loadVersion(name, version),
    install(manifest, model) {
      const served = wrap(manifest, model);
      recent.delete(manifest.name);
      latest.set(manifest.name, {
        name: manifest.name,
        version: manifest.version,
        model: served,
        loadMs: 0,
        loadedAt: new Date(),
      });
      return served;
    },
    forgetPin(name) {
      pins.delete(name);
      recent.delete(name);
    },
  };
}
