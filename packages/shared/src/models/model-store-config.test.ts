import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSharedConfig } from '../config/index.ts';
import { startAzurite, type AzuriteHandle } from '../testing/azurite.ts';
import { createBlobModelStore } from './blob-model-store.ts';
import { createFsModelStore } from './fs-model-store.ts';
import { getModelStore, resetModelStore } from './model-store.ts';

describe('getModelStore', () => {
  let root = '';
  let azurite: AzuriteHandle | undefined;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'get-model-store-'));
    resetSharedConfig();
    resetModelStore();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    resetSharedConfig();
    resetModelStore();
    await rm(root, { recursive: true, force: true });
  });
  afterAll(() => azurite?.stop());

  it('defaults to a filesystem store in MODEL_DIR, built once until reset', async () => {
    vi.stubEnv('MODEL_STORE', undefined);
    vi.stubEnv('MODEL_DIR', root);
    const store = getModelStore();
    expect(store.kind).toBe('fs');
    expect(getModelStore()).toBe(store);
    const manifest = await store.publish('m', new Uint8Array([1, 2, 3]));
    expect((await createFsModelStore(root).latest('m'))?.version).toBe(manifest.version);
    resetModelStore();
    expect(getModelStore()).not.toBe(store);
  });

  it('publishes to Azure Blob (Azurite) through AZURE_STORAGE_CONNECTION_STRING when MODEL_STORE=blob', async () => {
    azurite = await startAzurite();
    vi.stubEnv('MODEL_STORE', 'blob');
    vi.stubEnv('AZURE_STORAGE_CONNECTION_STRING', azurite.connectionString);
    vi.stubEnv('MODEL_CONTAINER', 'store-config-models');
    const store = getModelStore();
    expect(store.kind).toBe('blob');
    const manifest = await store.publish('m', new Uint8Array([4, 5, 6]));
    const direct = createBlobModelStore({
      account: azurite.connectionString,
      container: 'store-config-models',
    });
    expect((await direct.latest('m'))?.version).toBe(manifest.version);
  });

  it("builds the Blob store on the app's identity from AZURE_STORAGE_CONNECTION_STRING__accountName", () => {
    // Only the configuration is checked: a call would ask Azure for a token, which this machine cannot get.
    vi.stubEnv('MODEL_STORE', 'blob');
    vi.stubEnv('AZURE_STORAGE_CONNECTION_STRING', undefined);
    vi.stubEnv('AZURE_STORAGE_CONNECTION_STRING__accountName', 'acct1');
    expect(getModelStore().kind).toBe('blob');
  });

  it('uses an S3-compatible bucket when MODEL_STORE=s3', () => {
    vi.stubEnv('MODEL_STORE', 's3');
    vi.stubEnv('MODEL_BUCKET', 'suite-models');
    expect(getModelStore().kind).toBe('s3');
  });
});
