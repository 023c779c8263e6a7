// The blobs of the Blob ModelStore and the storage calls on them: versions, the `latest.json` pointer with its
// ETag, pin markers; every call guarded so an unreachable account is a DependencyError (503), not a crash.
import type { ContainerClient } from '@azure/storage-blob';
import { DependencyError, NotFoundError } from '../errors/index.ts';
import {
  assertModelName,
  assertModelVersion,
  MODEL_VERSION_PATTERN,
  parseManifest,
  verifyArtifact,
} from './model-naming.ts';
import type { LoadedArtifact, ModelManifest } from './types.ts';

export interface BlobPointer {
  manifest: ModelManifest;
  etag: string;
}

/** The store's storage operations on one container (see createBlobModelStore for the layout). */
export interface BlobModelFiles {
  container: ContainerClient;
  /** Creates the container once (a failure is forgotten, so the next publish tries again). */
  ensureContainer(): Promise<unknown>;
  readPointer(name: string): Promise<BlobPointer | undefined>;
  readVersion(name: string, version: string): Promise<LoadedArtifact>;
  /** The manifest of one version; NotFoundError when it has none. */
  readManifest(name: string, version: string): Promise<ModelManifest>;
  upload(
    path: string,
    body: Uint8Array | string,
    conditions: { ifMatch?: string; ifNoneMatch?: string },
  ): Promise<void>;
  listVersionIds(name: string): Promise<{ ids: string[]; pinned: string[] }>;
  /** Runs a container listing; a container that does not exist yet simply holds nothing. */
  listing(fn: () => Promise<void>): Promise<void>;
}

export function createBlobModelFiles(container: ContainerClient): BlobModelFiles {
  let ready: Promise<unknown> | undefined;

  function ensureContainer(): Promise<unknown> {
    ready ??= guard('create container', () => container.createIfNotExists()).catch((error: unknown) => {
      ready = undefined; // forget the failure: the next publish tries again
      throw error;
    });
    return ready;
  }

  async function readPointer(name: string): Promise<BlobPointer | undefined> {
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

  async function upload(
    path: string,
    body: Uint8Array | string,
    conditions: { ifMatch?: string; ifNoneMatch?: string },
  ): Promise<void> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const contentType = typeof body === 'string' ? 'application/json' : 'application/octet-stream';
    await guard(`write ${path}`, () =>
      container.getBlockBlobClient(path).upload(bytes, bytes.byteLength, {
        conditions,
        blobHTTPHeaders: { blobContentType: contentType },
      }),
    );
  }

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

  async function listing(fn: () => Promise<void>): Promise<void> {
    try {
      await guard('list blobs', fn);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  return {
    container,
    ensureContainer,
    readPointer,
    readVersion,
    readManifest,
    upload,
    listVersionIds,
    listing,
  };
}

/** Runs one storage call; connection failures, timeouts and 5xx become DependencyError('blob'). */
export async function guard<T>(operation: string, fn: () => Promise<T>): Promise<T> {
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

export function statusOf(error: unknown): number | undefined {
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
