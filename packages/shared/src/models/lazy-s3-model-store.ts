// The S3 ModelStore behind a dynamic import, so the AWS SDK is evaluated only by a process that uses it.
import type { S3ModelStoreOptions } from './s3-model-store.ts';
import type { ModelStore } from './types.ts';

/**
 * The same store as `createS3ModelStore` in `s3-model-store.ts`, with `@aws-sdk/client-s3` imported on the first
 * call (as the Blob store defers `@azure/storage-blob`): a process on another store, or one that never reads a
 * model, does not pay for evaluating the SDK at cold start.
 * @example const store = createLazyS3ModelStore({ bucket: 'suite-models' });
 */
export function createLazyS3ModelStore(options: S3ModelStoreOptions): ModelStore {
  let loading: Promise<ModelStore> | undefined;
  const get = (): Promise<ModelStore> =>
    (loading ??= import('./s3-model-store.ts')
      .then((module) => module.createS3ModelStore(options))
      .catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
  return {
    kind: 's3',
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
