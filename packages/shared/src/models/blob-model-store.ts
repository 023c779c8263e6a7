// Azure Blob ModelStore: immutable version blobs, and a `latest.json` pointer blob swapped under ETag conditions
// so that of two concurrent publishers exactly one wins (the storage calls: blob-model-files.ts).
import { BlobServiceClient } from '@azure/storage-blob';
import { createBlobModelFiles, guard, statusOf } from './blob-model-files.ts';
import {
  assertModelName,
  createManifest,
  createPublishConflict,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  parseManifest,
  sha256Hex,
} from './model-naming.ts';
import { DEFAULT_KEEP_VERSIONS, selectRemovable } from './model-retention.ts';
import { checkExpectedLatest, createStoreReads } from './store-reads.ts';
import type { ModelManifest, ModelStore, ModelStoreOptions, PublishOptions } from './types.ts';

/** Options of {@link createBlobModelStore}. */
export interface BlobModelStoreOptions extends ModelStoreOptions {
  /** Storage account connection string (`AZURE_STORAGE_CONNECTION_STRING`; Azurite's in development). */
  connectionString: string;
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
 * const store = createBlobModelStore({ connectionString: process.env.AZURE_STORAGE_CONNECTION_STRING!, container: 'models' });
 * const { manifest, data } = await store.load('anomaly-forest');
 */
export function createBlobModelStore(options: BlobModelStoreOptions): ModelStore {
  const retry = options.retry ?? {};
  const service = BlobServiceClient.fromConnectionString(options.connectionString, {
    retryOptions: {
      maxTries: retry.maxTries ?? 3,
      tryTimeoutInMs: retry.tryTimeoutInMs ?? 30_000,
      retryDelayInMs: retry.retryDelayInMs ?? 300,
      maxRetryDelayInMs: 2_000,
    },
  });
  const keep = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
  const files = createBlobModelFiles(service.getContainerClient(options.container));
  const {
    container,
    ensureContainer,
    readPointer,
    readVersion,
    readManifest,
    upload,
    listVersionIds,
    listing,
  } = files;

  return {
    kind: 'blob',

    async publish(
      name: string,
      data: Uint8Array,
      publishOptions: PublishOptions = {},
    ): Promise<ModelManifest> {
      assertModelName(name);
      await ensureContainer();
      const current = await readPointer(name);
      const expected = checkExpectedLatest(
        name,
        publishOptions.expectedLatest,
        current?.manifest.version ?? null,
      );
      if (current && current.manifest.sha256 === sha256Hex(data)) return current.manifest;

      const manifest = createManifest(name, data, publishOptions.metadata);
      const json = JSON.stringify(manifest, null, 2);
      // Versions are immutable: never overwrite one. The manifest goes last, so a listed version is complete.
      await upload(`${name}/${manifest.version}/model.bin`, data, { ifNoneMatch: '*' });
      await upload(`${name}/${manifest.version}/manifest.json`, json, { ifNoneMatch: '*' });
      try {
        await upload(`${name}/latest.json`, json, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      } catch (error) {
        const status = statusOf(error);
        if (status !== 412 && status !== 409) throw error;
        // `latest` never pointed at this version, so nobody can load it: delete it rather than let every lost race
        // grow the container. The manifest goes first, so a listing never shows half a version. Housekeeping: a
        // failed delete still reports the conflict.
        for (const file of ['manifest.json', 'model.bin'])
          await container
            .getBlockBlobClient(`${name}/${manifest.version}/${file}`)
            .deleteIfExists()
            .catch(() => undefined);
        const winner = await readPointer(name);
        throw createPublishConflict(name, expected, winner?.manifest.version ?? null, manifest.version);
      }
      await pruneVersions(name).catch(() => undefined); // housekeeping: the publish itself succeeded
      return manifest;
    },

    async promote(name, version, promoteOptions = {}) {
      const manifest = await readManifest(name, version);
      const current = await readPointer(name);
      const expected = checkExpectedLatest(
        name,
        promoteOptions.expectedLatest,
        current?.manifest.version ?? null,
      );
      if (current?.manifest.version === version) return manifest;
      try {
        const json = JSON.stringify(manifest, null, 2);
        await upload(`${name}/latest.json`, json, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      } catch (error) {
        const status = statusOf(error);
        if (status !== 412 && status !== 409) throw error;
        throw createPublishConflict(name, expected, (await readPointer(name))?.manifest.version ?? null);
      }
      return manifest;
    },

    async setPinned(name, version, pinned) {
      await readManifest(name, version);
      const marker = container.getBlockBlobClient(`${name}/pins/${version}`);
      if (pinned) await upload(marker.name, '', {});
      else await guard('unpin', () => marker.deleteIfExists());
    },

    pinned: async (name) => {
      assertModelName(name);
      return (await listVersionIds(name)).pinned;
    },

    prune: async (name) => {
      assertModelName(name);
      return pruneVersions(name);
    },

    ...createStoreReads({ readPointer, readVersion }),

    async versions(name: string): Promise<ModelManifest[]> {
      assertModelName(name);
      const paths: string[] = [];
      await listing(async () => {
        for await (const blob of container.listBlobsFlat({ prefix: `${name}/` })) {
          const [, version, file] = blob.name.split('/');
          if (file === 'manifest.json' && version && MODEL_VERSION_PATTERN.test(version))
            paths.push(blob.name);
        }
      });
      const manifests = await Promise.all(
        paths.map(async (path) => {
          const text = await guard('read manifest', () => container.getBlobClient(path).downloadToBuffer());
          return parseManifest(text.toString('utf8'), path);
        }),
      );
      return manifests.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    },

    async list(): Promise<string[]> {
      const names: string[] = [];
      await listing(async () => {
        for await (const item of container.listBlobsByHierarchy('/')) {
          const name = item.kind === 'prefix' ? item.name.replace(/\/$/, '') : '';
          if (MODEL_NAME_PATTERN.test(name)) names.push(name);
        }
      });
      return names.sort();
    },
  };

  async function pruneVersions(name: string): Promise<string[]> {
    const { ids, pinned } = await listVersionIds(name);
    const latest = (await readPointer(name))?.manifest.version ?? null;
    const removable = selectRemovable(ids, latest, new Set(pinned), keep);
    for (const id of removable) {
      // The manifest first: a listing then never shows half a version.
      for (const file of ['manifest.json', 'model.bin'])
        await guard('delete version', () =>
          container.getBlockBlobClient(`${name}/${id}/${file}`).deleteIfExists(),
        );
    }
    return removable;
  }
}
