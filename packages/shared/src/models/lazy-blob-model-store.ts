// The Blob ModelStore behind a dynamic import, so @azure/storage-blob is evaluated only by a process that uses it.
import type { BlobModelStoreOptions } from './blob-model-store.ts';
import type { ModelStore } from './types.ts';

/**
 * The same store as `createBlobModelStore` in `blob-model-store.ts`, with `@azure/storage-blob` imported on the
 * first call: the SDK costs ~40 ms of CPU to evaluate, which a process on the filesystem store (or one that never
 * reads a model) should not pay at start. Every method is async already, so only the timing of one failure moves:
 * a malformed connection string is reported by the first call instead of by this constructor.
 *
 * @example
 * const store = createLazyBlobModelStore({ connectionString: process.env.AZURE_STORAGE_CONNECTION_STRING!, container: 'models' });
 * const manifest = await store.latest('anomaly-forest'); // the SDK loads here
 */
export function createLazyBlobModelStore(options: BlobModelStoreOptions): ModelStore {
  let loading: Promise<ModelStore> | undefined;
  const get = (): Promise<ModelStore> =>
    (loading ??= import('./blob-model-store.ts')
      .then((module) => module.createBlobModelStore(options))
      .catch((error: unknown) => {
        loading = undefined; // a failed import or a bad connection string is reported again by the next call
        throw error;
      }));
  return {
    kind: 'blob',
    publish: async (name, data, publishOptions) => (await get()).publish(name, data, publishOptions),
    latest: async (name) => (await get()).latest(name),
    load: async (name, version) => (await get()).load(name, version),
    versions: async (name) => (await get()).versions(name),
    promote: async (name, version, promoteOptions) => (await get()).promote(name, version, promoteOptions),
    setPinned: async (name, version, pinned) => (await get()).setPinned(name, version, pinned),
    pinned: async (name) => (await get()).pinned(name),
    prune: async (name) => (await get()).prune(name),
    list: async () => (await get()).list(),
  };
}
