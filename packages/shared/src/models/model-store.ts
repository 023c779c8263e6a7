// The process-wide ModelStore chosen by configuration (MODEL_STORE), built once per warm instance.
import { getSharedConfig } from '../config/index.ts';
import { createFsModelStore } from './fs-model-store.ts';
import { createLazyBlobModelStore, createLazyS3ModelStore } from './lazy-model-store.ts';
import type { ModelStore } from './types.ts';

let store: ModelStore | undefined;

/**
 * The shared ModelStore: `MODEL_STORE=fs` (default) keeps models under `MODEL_DIR`; `MODEL_STORE=blob` uses
 * `MODEL_CONTAINER` on the account of `AZURE_STORAGE_CONNECTION_STRING` (a connection string, or the app's identity
 * on `AZURE_STORAGE_CONNECTION_STRING__accountName` / `__blobServiceUri`, as the Functions host reads a connection);
 * `MODEL_STORE=s3` an S3-compatible bucket (`MODEL_BUCKET`, `S3_ENDPOINT`, ...). Built on first use, then reused.
 * A malformed setting is a ConfigError naming it (apps read the shared config at start, so it stops the start).
 *
 * @example
 * const manifest = await getModelStore().latest('chatbot-intents');
 */
export function getModelStore(): ModelStore {
  if (store) return store;
  const config = getSharedConfig();
  if (config.modelStore === 'blob' && config.modelStorage) {
    store = createLazyBlobModelStore({
      account: config.modelStorage,
      container: config.modelContainer,
      keepVersions: config.modelKeepVersions,
    });
  } else if (config.modelStore === 's3' && config.s3) {
    store = createLazyS3ModelStore({ ...config.s3, keepVersions: config.modelKeepVersions });
  } else {
    store = createFsModelStore(config.modelDir, { keepVersions: config.modelKeepVersions });
  }
  return store;
}

/** Forgets the shared store so the next {@link getModelStore} reads the configuration again (tests). */
export function resetModelStore(): void {
  store = undefined;
}
