// Process-wide registry of model caches, so /api/health can report every model loaded in this instance.
import type { ModelFallback } from './model-fallback.ts';

/** One model held by a cache, as reported by {@link listLoadedModels}. */
export interface LoadedModelInfo {
  /** The cache's label (`createModelCache({ label })`). */
  cache: string;
  name: string;
  version: string;
  /** Milliseconds the store read plus decode took. */
  loadMs: number;
  /** ISO 8601 time the model was loaded (or installed with `set`). */
  loadedAt: string;
  /**
   * Present only while this version is served because the one `latest` points at does not decode: which version
   * that is, why, and since when. Absent again once `latest` moves to a version that decodes.
   */
  fallback?: ModelFallback;
}

type Snapshot = () => LoadedModelInfo[];

// Weak references: a cache a test drops can be collected; the registry never keeps it alive.
const caches = new Set<WeakRef<object>>();
const snapshots = new WeakMap<object, Snapshot>();

/** Adds a cache to the registry (called by createModelCache). */
export function registerModelCache(cache: object, snapshot: Snapshot): void {
  snapshots.set(cache, snapshot);
  caches.add(new WeakRef(cache));
}

/**
 * Every model currently held by any ModelCache in this process, for health reports.
 *
 * @example
 * json({ models: listLoadedModels() }); // [{ cache: 'recommender', name: 'recommender-fm', version: '2026...', loadMs: 12.3, loadedAt: '...' }]
 */
export function listLoadedModels(): LoadedModelInfo[] {
  const out: LoadedModelInfo[] = [];
  for (const ref of caches) {
    const cache = ref.deref();
    const snapshot = cache && snapshots.get(cache);
    if (!snapshot) {
      caches.delete(ref);
      continue;
    }
    out.push(...snapshot());
  }
  return out;
}
