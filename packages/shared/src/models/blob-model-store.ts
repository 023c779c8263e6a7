// Azure Blob ModelStore: immutable version blobs, and a `latest.json` pointer blob swapped under ETag conditions
// so that of two concurrent publishers exactly one wins.
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { DependencyError, NotFoundError } from '../errors/index.ts';
import {
  assertModelName,
  assertModelVersion,
  createManifest,
  createPublishConflict,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  parseManifest,
  sha256Hex,
  verifyArtifact,
} from './model-naming.ts';
import { DEFAULT_KEEP_VERSIONS, selectRemovable } from './model-retention.ts';
import { checkExpectedLatest, createStoreReads } from './store-reads.ts';
import type {
  LoadedArtifact,
  ModelManifest,
  ModelStore,
  ModelStoreOptions,
  PublishOptions,
} from './types.ts';

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

interface Pointer {
  manifest: ModelManifest;
  etag: string;
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
  const container: ContainerClient = service.getContainerClient(options.container);
  const keep = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
  let ready: Promise<unknown> | undefined;

  function ensureContainer(): Promise<unknown> {
    ready ??= guard('create container', () => container.createIfNotExists()).catch((error: unknown) => {
      ready = undefined; // forget the failure: the next publish tries again
      throw error;
    });
    return ready;
  }

  async function readPointer(name: string): Promise<Pointer | undefined> {
    const blob = container.getBlobClient(`${name}/latest.json`);
    try {
      // The body is read inside the guard too: a connection lost mid-stream is an outage, not a bug.
      const { text, etag } = await guard('read latest', async () => {
        const response = await blob.download();
        return { text: (await readBody(response.readableStreamBody)).toString('utf8'), etag: response.etag };
      });
      return { manifest: parseManifest(text, blob.name), etag: etag ?? '' };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async function readVersion(name: string, version: string): Promise<LoadedArtifact> {
    try {
      const manifestBlob = container.getBlobClient(`${name}/${version}/manifest.json`);
      const manifestText = await guard('read manifest', () => manifestBlob.downloadToBuffer());
      const manifest = parseManifest(manifestText.toString('utf8'), manifestBlob.name);
      const body = await guard('read model', () =>
        container.getBlobClient(`${name}/${version}/model.bin`).downloadToBuffer(),
      );
      const data = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      verifyArtifact(manifest, data);
      return { manifest, data };
    } catch (error) {
      if (statusOf(error) === 404) throw new NotFoundError(`Model ${name} has no version ${version}`);
      throw error;
    }
  }

  async function upload(
    path: string,
    body: Uint8Array | string,
    conditions: { ifMatch?: string; ifNoneMatch?: string },
  ) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const contentType = typeof body === 'string' ? 'application/json' : 'application/octet-stream';
    await guard(`write ${path}`, () =>
      container.getBlockBlobClient(path).upload(bytes, bytes.byteLength, {
        conditions,
        blobHTTPHeaders: { blobContentType: contentType },
      }),
    );
  }

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

  async function readManifest(name: string, version: string): Promise<ModelManifest> {
    assertModelName(name);
    assertModelVersion(version);
    const blob = container.getBlobClient(`${name}/${version}/manifest.json`);
    try {
      const text = await guard('read manifest', () => blob.downloadToBuffer());
      return parseManifest(text.toString('utf8'), blob.name);
    } catch (error) {
      if (statusOf(error) === 404) throw new NotFoundError(`Model ${name} has no version ${version}`);
      throw error;
    }
  }

  /** The complete versions (manifest written) and the pinned ones, from one listing without reading blobs. */
  async function listVersionIds(name: string): Promise<{ ids: string[]; pinned: string[] }> {
    const ids: string[] = [];
    const pinned: string[] = [];
    await listing(async () => {
      for await (const blob of container.listBlobsFlat({ prefix: `${name}/` })) {
        const [, first, second] = blob.name.split('/');
        if (first === 'pins' && second && MODEL_VERSION_PATTERN.test(second)) pinned.push(second);
        else if (second === 'manifest.json' && first && MODEL_VERSION_PATTERN.test(first)) ids.push(first);
      }
    });
    return { ids, pinned: pinned.sort() };
  }

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

  /** Runs a container listing; a container that does not exist yet simply holds nothing. */
  async function listing(fn: () => Promise<void>): Promise<void> {
    try {
      await guard('list blobs', fn);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}

/** Runs one storage call; connection failures, timeouts and 5xx become DependencyError('blob'). */
async function guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined || status >= 500 || status === 408 || status === 429) {
      throw new DependencyError(`Blob storage is unavailable (${operation})`, {
        dependency: 'blob',
        cause: error,
      });
    }
    throw error;
  }
}

function statusOf(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

async function readBody(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
