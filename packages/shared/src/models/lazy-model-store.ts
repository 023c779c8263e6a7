// The Blob and S3 ModelStores behind a dynamic import, so a cloud SDK is evaluated only by a process that uses it.
import type { BlobModelStoreOptions } from './blob-model-store.ts';
import type { S3ModelStoreOptions } from './s3-model-store.ts';
import type { ModelStore } from './types.ts';

/**
 * The same store as `createBlobModelStore` in `blob-model-store.ts`, with `@azure/storage-blob` imported on the
 * first call: the SDK costs ~40 ms of CPU to evaluate, which a process on the filesystem store (or one that never
 * reads a model) should not pay at start. Every method is async already, so only the timing of one failure moves:
 * a malformed connection string is reported by the first call instead of by this constructor.
 *
 * @example
 * const store = createLazyBlobModelStore({ account: getSharedConfig().modelStorage!, container: 'models' });
 * const manifest = await store.latest('anomaly-forest'); // the SDK loads here
 */
export function createLazyBlobModelStore(options: BlobModelStoreOptions): ModelStore {
  return createLazyModelStore('blob', async () =>
    (await import('./blob-model-store.ts')).createBlobModelStore(options),
  );
}

/**
 * The same store as `createS3ModelStore` in `s3-model-store.ts`, with `@aws-sdk/client-s3` imported on the first
 * call, as {@link createLazyBlobModelStore} defers `@azure/storage-blob`.
 * @example const store = createLazyS3ModelStore({ bucket: 'suite-models' });
 */
export function createLazyS3ModelStore(options: S3ModelStoreOptions): ModelStore {
  return createLazyModelStore('s3', async () =>
    (await import('./s3-model-store.ts')).createS3ModelStore(options),
  );
}

function createLazyModelStore(kind: ModelStore['kind'], create: () => Promise<ModelStore>): ModelStore {
  let loading: Promise<ModelStore> | undefined;
  const get = (): Promise<ModelStore> =>
    (loading ??= create().catch((error: unknown) => {
      loading = undefined; // a failed import or a bad connection string is reported again by the next call
      throw error;
    }));
  return {
    kind,
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
