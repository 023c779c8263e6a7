// Decoded models kept per warm instance: one shared load per model, bounded LRU, and a background pick-up of
// newly published versions that keeps serving the old model until the new one is ready.
import { getSharedConfig } from '../config/index.ts';
import { recordModelLoad } from '../telemetry/suite-metrics.ts';
import { createLatestFailures, MIN_REMEMBERED_FAILURES } from './latest-failures.ts';
import { createLatestLoader } from './latest-loader.ts';
import { registerModelCache } from './loaded-models.ts';
import {
  DecodeFailure,
  fromDecode,
  fromStoreRead,
  readRetryDelayMs,
  type ModelFallback,
} from './model-fallback.ts';
import type { LoadedModel, ModelCache, ModelCacheOptions } from './model-cache-types.ts';
import { getModelStore } from './model-store.ts';
import type { ModelManifest, ModelStore } from './types.ts';

export type { LoadedModel, ModelCache, ModelCacheOptions } from './model-cache-types.ts';

interface Entry<M> {
  loaded?: LoadedModel<M>;
  loading?: Promise<LoadedModel<M>>;
  refreshing?: Promise<LoadedModel<M>>;
  checkedAt: number;
  /** Set while `loaded` is served because the version `latest` points at does not decode. */
  fallback?: ModelFallback;
  /** Refreshes in a row that met a read error; the next get retries at `retryAt` (bounded backoff). */
  readFailures?: number;
  retryAt?: number;
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
  let refreshIntervalMs = options.refreshIntervalMs;

  const store = (): ModelStore => {
    const source = options.store ?? getModelStore;
    return typeof source === 'function' ? source() : source;
  };
  const intervalMs = (): number => (refreshIntervalMs ??= getSharedConfig().modelRefreshSeconds * 1000);

  async function load(name: string, version: string): Promise<LoadedModel<M>> {
    const started = performance.now();
    const { manifest, data } = await store()
      .load(name, version)
      .catch((error: unknown) => Promise.reject(fromStoreRead(error)));
    let model: M;
    try {
      model = await options.decode(data, manifest);
    } catch (error) {
      throw fromDecode(error, manifest.version);
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

  // A `latest` that failed is not decoded again until `latest` moves, even after the model left `entries`.
  const failures = createLatestFailures(Math.max(MIN_REMEMBERED_FAILURES, maxEntries * 8));
  const { noteBroken, readLatest, loadLatest, loadOrFallBack } = createLatestLoader({
    label,
    store,
    load,
    failures,
  });

  function startLoad(name: string): Promise<LoadedModel<M>> {
    const entry: Entry<M> = { checkedAt: now() };
    touch(name, entry);
    entry.loading = loadOrFallBack(name).then(
      ({ loaded, fallback }) => {
        entry.loading = undefined;
        if (entries.get(name) !== entry) return loaded; // invalidated meanwhile: hand it out, do not keep it
        if (!entry.loaded) {
          entry.loaded = loaded; // a set() during the load wins
          entry.fallback = fallback;
        }
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
    const holds = (): boolean => entries.get(name) === entry && entry.loaded === from;
    /** Keeps serving `from` (onRefreshError reports it); a failure already noted is not decoded or reported again. */
    const keepServing = (error: unknown): LoadedModel<M> => {
      if (!(error instanceof DecodeFailure)) throw error;
      if (failures.current(name, error.version)) return from;
      const fallback = noteBroken(name, error, from.version);
      if (holds()) entry.fallback = fallback;
      throw error;
    };
    let latest: ModelManifest | undefined;
    try {
      latest = await readLatest(name);
    } catch (error) {
      return keepServing(error);
    }
    if (latest?.version === from.version && holds()) entry.fallback = undefined; // latest moved back to it
    const known = latest && failures.current(name, latest.version); // (also forgets a failure latest moved from)
    if (!latest || latest.version === from.version || known) return from;
    let next: LoadedModel<M>;
    try {
      next = await loadLatest(name, latest.version);
    } catch (error) {
      return keepServing(error);
    }
    // Install only if nobody replaced or dropped the model while we loaded.
    if (holds()) Object.assign(entry, { loaded: next, fallback: undefined });
    return entry.loaded ?? next;
  }

  function startRefresh(name: string, entry: Entry<M>, from: LoadedModel<M>): Promise<LoadedModel<M>> {
    if (entry.refreshing) return entry.refreshing;
    // Cleared in a .finally, which always runs after this assignment: a try/finally inside the async body would
    // run first when the body throws before its first await, leaving a rejected promise installed for good.
    const refreshing = checkForNewer(name, entry, from)
      .then(
        (loaded) => {
          entry.readFailures = 0;
          return loaded;
        },
        (error: unknown) => {
          // A read error is retried by a get after a bounded backoff; a version that does not decode is remembered.
          entry.readFailures = error instanceof DecodeFailure ? 0 : (entry.readFailures ?? 0) + 1;
          throw error instanceof DecodeFailure ? error.cause : error;
        },
      )
      .finally(() => {
        entry.checkedAt = now();
        const failures = entry.readFailures ?? 0;
        entry.retryAt = failures > 0 ? now() + readRetryDelayMs(failures, intervalMs()) : undefined;
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
        const due = entry.retryAt ?? entry.checkedAt + intervalMs();
        if (!entry.refreshing && now() >= due) {
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
      Object.assign(entry, {
        loaded,
        fallback: undefined,
        checkedAt: now(),
        readFailures: 0,
        retryAt: undefined,
      });
      touch(name, entry);
    },

    invalidate(name) {
      if (name === undefined) entries.clear();
      else entries.delete(name);
      failures.forget(name);
    },
  };

  registerModelCache(cache, () =>
    [...entries.values()].flatMap(({ loaded: held, fallback }) => {
      if (!held) return [];
      const { name, version, loadMs } = held;
      const loadedAt = held.loadedAt.toISOString();
      return [{ cache: label, name, version, loadMs, loadedAt, ...(fallback ? { fallback } : {}) }];
    }),
  );
  return cache;
}
