// Decoded models kept per warm instance: one shared load per model, bounded LRU, and a background pick-up of
// newly published versions that keeps serving the old model until the new one is ready.
import { getSharedConfig } from '../config/index.ts';
import { recordModelLoad } from '../telemetry/suite-metrics.ts';
import { registerModelCache } from './loaded-models.ts';
import { DecodeFailure, tryLoadFallback } from './model-fallback.ts';
import { getModelStore } from './model-store.ts';
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
  /** The store to load from, or a function returning it (read on every load); default {@link getModelStore}. */
  store?: ModelStore | (() => ModelStore);
  /** Turns artifact bytes into the in-memory model. A throw fails that load only; the next get retries. */
  decode: (data: Uint8Array, manifest: ModelManifest) => M | Promise<M>;
  /** Most models kept; the least recently used is dropped beyond it. Default 8. */
  maxEntries?: number;
  /** How long a loaded model is served before a get checks for a newer version. Default MODEL_REFRESH_SECONDS. */
  refreshIntervalMs?: number;
  /** Name of this cache in {@link listLoadedModels}. Default `models-<n>`. */
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

interface Entry<M> {
  loaded?: LoadedModel<M>;
  loading?: Promise<LoadedModel<M>>;
  refreshing?: Promise<LoadedModel<M>>;
  checkedAt: number;
}

let cacheCount = 0;

/**
 * Creates a model cache and registers it for {@link listLoadedModels}. Create it once at module level.
 *
 * @example
 * const forests = createModelCache({ label: 'anomaly', decode: (bytes) => deserializeForest(bytes) });
 * const { model, version } = await forests.get('anomaly-forest');
 */
export function createModelCache<M>(options: ModelCacheOptions<M>): ModelCache<M> {
  const label = options.label ?? `models-${++cacheCount}`;
  const maxEntries = Math.max(1, options.maxEntries ?? 8);
  const now = options.now ?? Date.now;
  const onRefreshError =
    options.onRefreshError ??
    ((error: unknown, name: string) =>
      console.warn(`[${label}] refreshing model ${name} failed; serving the loaded one`, error));
  const entries = new Map<string, Entry<M>>();
  /** The `latest` version of a model that failed to decode: not decoded again until `latest` moves. */
  const brokenLatest = new Map<string, string>();
  let refreshIntervalMs = options.refreshIntervalMs;

  const store = (): ModelStore => {
    const source = options.store ?? getModelStore;
    return typeof source === 'function' ? source() : source;
  };
  const intervalMs = (): number => (refreshIntervalMs ??= getSharedConfig().modelRefreshSeconds * 1000);

  async function load(name: string, version?: string): Promise<LoadedModel<M>> {
    const started = performance.now();
    const { manifest, data } = await store().load(name, version);
    let model: M;
    try {
      model = await options.decode(data, manifest);
    } catch (error) {
      throw new DecodeFailure(manifest.version, error);
    }
    const loadMs = performance.now() - started;
    recordModelLoad(loadMs, { model: name, version: manifest.version, cache: label });
    return { name, version: manifest.version, model, loadMs, loadedAt: new Date() };
  }

  /** Moves `name` to the most recently used end, then drops least recently used models beyond the bound. */
  function touch(name: string, entry: Entry<M>): void {
    entries.delete(name);
    entries.set(name, entry);
    for (const [other, candidate] of entries) {
      if (entries.size <= maxEntries) break;
      if (other !== name && !candidate.loading) entries.delete(other);
    }
  }

  /** Loads latest; when it does not decode, the newest older version that does (else the original error). */
  async function loadOrFallBack(name: string): Promise<LoadedModel<M>> {
    try {
      return await load(name);
    } catch (error) {
      if (!(error instanceof DecodeFailure)) throw error;
      const found = await tryLoadFallback(store(), name, error.version, (version) => load(name, version));
      if (!found) throw error.cause;
      brokenLatest.set(name, error.version);
      console.error(
        `[${label}] model ${name}: version ${found.skipped.join(', ')} does not decode; ` +
          `serving ${found.loaded.version} instead`,
        error.cause,
      );
      return found.loaded;
    }
  }

  function startLoad(name: string): Promise<LoadedModel<M>> {
    const entry: Entry<M> = { checkedAt: now() };
    touch(name, entry);
    entry.loading = loadOrFallBack(name).then(
      (loaded) => {
        entry.loading = undefined;
        if (entries.get(name) !== entry) return loaded; // invalidated meanwhile: hand it out, do not keep it
        entry.loaded ??= loaded; // a set() during the load wins
        entry.checkedAt = now();
        touch(name, entry);
        return entry.loaded;
      },
      (error: unknown) => {
        entry.loading = undefined;
        if (entries.get(name) !== entry) throw error;
        // A set() during the load already gave us a model: the waiting callers get it, not the failure.
        if (entry.loaded) return entry.loaded;
        entries.delete(name); // forget it: the next get retries
        throw error;
      },
    );
    return entry.loading;
  }

  async function checkForNewer(name: string, entry: Entry<M>, from: LoadedModel<M>): Promise<LoadedModel<M>> {
    const latest = await store().latest(name);
    if (!latest || latest.version === from.version || latest.version === brokenLatest.get(name)) return from;
    let next: LoadedModel<M>;
    try {
      next = await load(name, latest.version);
    } catch (error) {
      if (!(error instanceof DecodeFailure)) throw error;
      brokenLatest.set(name, error.version); // keep serving `from`; do not decode this one again per get
      throw error.cause;
    }
    // Install only if nobody replaced or dropped the model while we loaded.
    if (entries.get(name) === entry && entry.loaded === from) entry.loaded = next;
    return entry.loaded ?? next;
  }

  function startRefresh(name: string, entry: Entry<M>, from: LoadedModel<M>): Promise<LoadedModel<M>> {
    if (entry.refreshing) return entry.refreshing;
    // Cleared in a .finally, which always runs after this assignment: a try/finally inside the async body would
    // run first when the body throws before its first await, leaving a rejected promise installed for good.
    const refreshing = checkForNewer(name, entry, from).finally(() => {
      entry.checkedAt = now();
      if (entry.refreshing === refreshing) entry.refreshing = undefined;
    });
    entry.refreshing = refreshing;
    return refreshing;
  }

  const cache: ModelCache<M> = {
    label,

    async get(name) {
      const entry = entries.get(name);
      if (entry?.loaded) {
        touch(name, entry);
        const current = entry.loaded;
        if (!entry.refreshing && now() - entry.checkedAt >= intervalMs()) {
          // Background: this caller and those after it keep the current model until the new one is in.
          startRefresh(name, entry, current).catch((error: unknown) => onRefreshError(error, name));
        }
        return current;
      }
      return entry?.loading ?? startLoad(name);
    },

    peek(name) {
      return entries.get(name)?.loaded;
    },

    async refresh(name) {
      const entry = entries.get(name);
      if (!entry?.loaded) return cache.get(name);
      return startRefresh(name, entry, entry.loaded);
    },

    set(name, loaded) {
      const entry = entries.get(name) ?? { checkedAt: now() };
      entry.loaded = loaded;
      entry.checkedAt = now();
      touch(name, entry);
    },

    invalidate(name) {
      if (name === undefined) entries.clear();
      else entries.delete(name);
      if (name === undefined) brokenLatest.clear();
      else brokenLatest.delete(name);
    },
  };

  registerModelCache(cache, () =>
    [...entries.values()].flatMap((entry) =>
      entry.loaded
        ? [
            {
              cache: label,
              name: entry.loaded.name,
              version: entry.loaded.version,
              loadMs: entry.loaded.loadMs,
              loadedAt: entry.loaded.loadedAt.toISOString(),
            },
          ]
        : [],
    ),
  );
  return cache;
}
