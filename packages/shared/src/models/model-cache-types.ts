// The model cache's public vocabulary: a loaded model, the cache's options and its interface.
import type { ModelManifest, ModelStore } from './types.ts';

/** A decoded model as held by a {@link ModelCache}. */
export interface LoadedModel<M> {
  name: string;
  version: string;
  model: M;
  /** Milliseconds spent reading the artifact and decoding it. */
  loadMs: number;
  loadedAt: Date;
}

/** Options of {@link createModelCache}. */
export interface ModelCacheOptions<M> {
  /** The store to load from, or a function returning it (read on every load); default `getModelStore`. */
  store?: ModelStore | (() => ModelStore);
  /**
   * Turns artifact bytes into the in-memory model. A throw marks the version as not decoding (see the README), except
   * a read error (`isReadError`: storage outage, file or socket error), which is retried like a failed store read.
   */
  decode: (data: Uint8Array, manifest: ModelManifest) => M | Promise<M>;
  /** Most models kept; the least recently used is dropped beyond it. Default 8. */
  maxEntries?: number;
  /** How long a loaded model is served before a get checks for a newer version. Default MODEL_REFRESH_SECONDS. */
  refreshIntervalMs?: number;
  /** Name of this cache in `listLoadedModels` (health). Default `models-<n>`. */
  label?: string;
  /** Reports a failed background refresh (the old model keeps being served). Default: console.warn. */
  onRefreshError?: (error: unknown, name: string) => void;
  /** Clock in milliseconds, for tests. Default Date.now. */
  now?: () => number;
}

/** Decoded models by name, loaded once per warm instance. */
export interface ModelCache<M> {
  readonly label: string;
  /**
   * The latest model of `name`, loading it on first use (concurrent callers share one load; a failed load is
   * forgotten). After `refreshIntervalMs` a get also starts a background check for a newer version and keeps
   * returning the current model until the newer one has loaded.
   */
  get(name: string): Promise<LoadedModel<M>>;
  /** The model held for `name`, without loading or refreshing. */
  peek(name: string): LoadedModel<M> | undefined;
  /** Checks for a newer version now and waits for it (shares a refresh already running). */
  refresh(name: string): Promise<LoadedModel<M>>;
  /** Installs a model directly, e.g. the one a trainer just published; it counts as freshly checked. */
  set(name: string, loaded: LoadedModel<M>): void;
  /** Drops `name` (or every model); the next get loads again. Loads in flight are not installed. */
  invalidate(name?: string): void;
}
