// The three ModelStore backends under the shared contract (model-store.test.ts), and the helpers its races use.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BlobServiceClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '../../errors/index.ts';
import { tryReadBlobAccount } from '../../storage/storage-settings.ts';
import { startAzurite, type AzuriteHandle } from '../../testing/azurite.ts';
import { startS3Server, type S3ServerHandle } from '../../testing/s3-server.ts';
import { createBlobModelStore } from '../blob-model-store.ts';
import { createFsModelStore } from '../fs-model-store.ts';
import { createS3ModelStore } from '../s3-model-store.ts';
import type { ModelStore, ModelStoreOptions } from '../types.ts';

/** One backend under the shared contract: a fresh empty store per test, and a way to damage a stored artifact. */
export interface Backend {
  kind: 'fs' | 'blob' | 's3';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  create(options?: ModelStoreOptions): Promise<ModelStore>;
  corrupt(name: string, version: string): Promise<void>;
  /** Overwrites what the `latest` pointer of `name` holds with `text` (a hand edit, a truncated or foreign write). */
  overwritePointer(name: string, text: string): Promise<void>;
  /** Overwrites the manifest of one stored version of `name` with `text` (a hand edit or a truncated write). */
  overwriteManifest(name: string, version: string, text: string): Promise<void>;
}

let fsRoot = '';
let lastFsRoot = '';
export const fsBackend: Backend = {
  kind: 'fs',
  setup: async () => {
    fsRoot = await mkdtemp(join(tmpdir(), 'model-store-'));
  },
  teardown: () => rm(fsRoot, { recursive: true, force: true }),
  create: async (options) => {
    lastFsRoot = join(fsRoot, randomBytes(4).toString('hex'));
    return createFsModelStore(lastFsRoot, options);
  },
  corrupt: (name, version) => writeFile(join(lastFsRoot, name, 'versions', version, 'model.bin'), 'tampered'),
  overwritePointer: async (name, text) => {
    const generations = (await readdir(join(lastFsRoot, name, 'pointer'))).sort();
    await writeFile(join(lastFsRoot, name, 'pointer', generations.at(-1) ?? '000000000001.json'), text);
  },
  overwriteManifest: (name, version, text) =>
    writeFile(join(lastFsRoot, name, 'versions', version, 'manifest.json'), text),
};

let azurite: AzuriteHandle | undefined;
let lastContainer = '';
export const blobBackend: Backend = {
  kind: 'blob',
  setup: async () => {
    azurite = await startAzurite();
  },
  teardown: async () => azurite?.stop(),
  create: async (options) => {
    lastContainer = `models-${randomBytes(6).toString('hex')}`;
    return createBlobModelStore({
      // Read as the shared config reads AZURE_STORAGE_CONNECTION_STRING: the connection-string form, on Azurite.
      account: tryReadBlobAccount('MODEL_STORAGE', { MODEL_STORAGE: azurite?.connectionString }) ?? '',
      container: lastContainer,
      ...options,
    });
  },
  corrupt: async (name, version) => {
    const service = BlobServiceClient.fromConnectionString(azurite?.connectionString ?? '');
    await service
      .getContainerClient(lastContainer)
      .getBlockBlobClient(`${name}/${version}/model.bin`)
      .upload('tampered', 8);
  },
  overwritePointer: async (name, text) => {
    const service = BlobServiceClient.fromConnectionString(azurite?.connectionString ?? '');
    const blob = service.getContainerClient(lastContainer).getBlockBlobClient(`${name}/latest.json`);
    await blob.upload(text, Buffer.byteLength(text));
  },
  overwriteManifest: async (name, version, text) => {
    const service = BlobServiceClient.fromConnectionString(azurite?.connectionString ?? '');
    const blob = service
      .getContainerClient(lastContainer)
      .getBlockBlobClient(`${name}/${version}/manifest.json`);
    await blob.upload(text, Buffer.byteLength(text));
  },
};

let s3: S3ServerHandle | undefined;
let lastBucket = '';
const s3Client = () =>
  new S3Client({
    endpoint: s3?.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: s3?.credentials,
  });
export const s3Backend: Backend = {
  kind: 's3',
  setup: async () => {
    s3 = await startS3Server();
  },
  teardown: async () => s3?.stop(),
  create: async (options) => {
    lastBucket = `models-${randomBytes(6).toString('hex')}`;
    await s3Client().send(new CreateBucketCommand({ Bucket: lastBucket }));
    return createS3ModelStore({
      bucket: lastBucket,
      endpoint: s3?.endpoint,
      forcePathStyle: true,
      credentials: s3?.credentials,
      ...options,
    });
  },
  corrupt: async (name, version) => {
    await s3Client().send(
      new PutObjectCommand({ Bucket: lastBucket, Key: `${name}/${version}/model.bin`, Body: 'tampered' }),
    );
  },
  overwritePointer: async (name, text) => {
    await s3Client().send(
      new PutObjectCommand({ Bucket: lastBucket, Key: `${name}/latest.json`, Body: text }),
    );
  },
  overwriteManifest: async (name, version, text) => {
    await s3Client().send(
      new PutObjectCommand({ Bucket: lastBucket, Key: `${name}/${version}/manifest.json`, Body: text }),
    );
  },
};

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

export async function settle<T>(promises: Promise<T>[]): Promise<{ won: T[]; conflicts: ConflictError[] }> {
  const results = await Promise.allSettled(promises);
  const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const conflicts = results.flatMap((r) =>
    r.status === 'rejected' && r.reason instanceof ConflictError ? [r.reason] : [],
  );
  const other = results.find((r) => r.status === 'rejected' && !(r.reason instanceof ConflictError));
  if (other?.status === 'rejected') throw other.reason;
  return { won, conflicts };
}

/**
 * The store's `beforeCommit` hook as a latch: once `hold(n)` is called, publishers wait just before moving `latest`
 * until n of them are there, so every one has read the pointer and written its version before any commits. Races
 * then take the compare-and-swap path on every backend, whatever the scheduler or the storage's latency does.
 */
export function createCommitGate() {
  let expected = 0;
  let arrived = 0;
  let open = () => {};
  let opened = Promise.resolve();
  return {
    hold(count: number) {
      expected = count;
      arrived = 0;
      opened = new Promise<void>((resolve) => (open = resolve));
    },
    arrived: () => arrived,
    beforeCommit: async () => {
      if (expected === 0) return;
      arrived += 1;
      if (arrived === expected) open();
      await opened;
    },
  };
}
