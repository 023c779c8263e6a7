// Azure Blob ModelStore: immutable version blobs, and a `latest.json` pointer blob swapped under ETag conditions
// so that of two concurrent publishers exactly one wins (layout: object-model-backend.ts; calls: blob-model-files.ts).
import { createBlobServiceClient } from '../storage/storage-account.ts';
import type { BlobStorageAccount } from '../storage/storage-settings.ts';
import { createBackedModelStore } from './backed-model-store.ts';
import { createBlobModelFiles } from './blob-model-files.ts';
import { createObjectModelBackend } from './object-model-backend.ts';
import type { ModelStore, ModelStoreOptions } from './types.ts';

/** Options of {@link createBlobModelStore}. */
export interface BlobModelStoreOptions extends ModelStoreOptions {
  /**
   * The storage account: as `tryReadBlobAccount('AZURE_STORAGE_CONNECTION_STRING')` reads it (a connection string, or
   * the app's identity on `__accountName` / `__blobServiceUri`), or a connection string itself (tests, benches).
   */
  account: BlobStorageAccount | string;
  /** Container holding every model (`MODEL_CONTAINER`); created on the first publish if missing. */
  container: string;
  /**
   * Retries of the storage SDK. The default gives up after about 2 s so a request answers 503 quickly
   * instead of hanging through the SDK's own default backoff (~30 s) when storage is down.
   */
  retry?: { maxTries?: number; tryTimeoutInMs?: number; retryDelayInMs?: number };
}

/**
 * A ModelStore in Azure Blob Storage. Blobs: `<name>/<version>/model.bin`, `<name>/<version>/manifest.json`
 * the pointer `<name>/latest.json` (a copy of the latest manifest, so `latest()` is one small read) and the
 * empty markers `<name>/pins/<version>`.
 * Unreachable storage surfaces as DependencyError (`dependency: 'blob'`, HTTP 503).
 *
 * @example
 * const store = createBlobModelStore({ account: tryReadBlobAccount('AZURE_STORAGE_CONNECTION_STRING')!, container: 'models' });
 * const { manifest, data } = await store.load('anomaly-forest');
 */
export function createBlobModelStore(options: BlobModelStoreOptions): ModelStore {
  const retry = options.retry ?? {};
  const service = createBlobServiceClient(options.account, {
    retryOptions: {
      maxTries: retry.maxTries ?? 3,
      tryTimeoutInMs: retry.tryTimeoutInMs ?? 30_000,
      retryDelayInMs: retry.retryDelayInMs ?? 300,
      maxRetryDelayInMs: 2_000,
    },
  });
  const files = createBlobModelFiles(service.getContainerClient(options.container));
  return createBackedModelStore(createObjectModelBackend(files), options);
}
