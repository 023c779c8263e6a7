import { describe, expect, it } from 'vitest';
import { DependencyError } from '../errors/index.ts';
import { azuriteConnectionString } from '../testing/azurite.ts';
import { createLazyBlobModelStore } from './lazy-model-store.ts';

describe('lazy blob model store', () => {
  it('is a blob store whose calls reach the storage SDK (unreachable storage is a DependencyError)', async () => {
    const store = createLazyBlobModelStore({
      account: azuriteConnectionString(9),
      container: 'models',
      retry: { maxTries: 1 },
    });
    expect(store.kind).toBe('blob');
    const error = await store.latest('m').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyError);
    expect((error as DependencyError).details).toMatchObject({ dependency: 'blob' });
  });

  it('reports a malformed connection string on every call instead of caching the failure', async () => {
    const store = createLazyBlobModelStore({
      account: 'not a connection string',
      container: 'models',
    });
    await expect(store.list()).rejects.toThrow();
    await expect(store.latest('m')).rejects.toThrow();
  });
});
