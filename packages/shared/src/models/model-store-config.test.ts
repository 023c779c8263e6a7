import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetSharedConfig } from '../config/index.ts';
import { azuriteConnectionString } from '../testing/azurite.ts';
import { createFsModelStore } from './fs-model-store.ts';
import { getModelStore, resetModelStore } from './model-store.ts';

describe('getModelStore', () => {
  let root = '';
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

  it('uses Azure Blob when MODEL_STORE=blob', () => {
    vi.stubEnv('MODEL_STORE', 'blob');
    vi.stubEnv('AZURE_STORAGE_CONNECTION_STRING', azuriteConnectionString(10000));
    vi.stubEnv('MODEL_CONTAINER', 'models');
    expect(getModelStore().kind).toBe('blob');
  });

  it('uses an S3-compatible bucket when MODEL_STORE=s3', () => {
    vi.stubEnv('MODEL_STORE', 's3');
    vi.stubEnv('MODEL_BUCKET', 'suite-models');
    expect(getModelStore().kind).toBe('s3');
  });
});
