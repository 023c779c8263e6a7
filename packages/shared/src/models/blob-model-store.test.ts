import { describe, expect, it } from 'vitest';
import { DependencyError } from '../errors/index.ts';
import { azuriteConnectionString } from '../testing/azurite.ts';
import { createBlobModelStore } from './blob-model-store.ts';

describe('blob model store', () => {
  it('reports unreachable storage as DependencyError(blob), a 503, for reads and publishes', async () => {
    // Port 9 (discard) has no listener here: every request is refused.
    const store = createBlobModelStore({
      connectionString: azuriteConnectionString(9),
      container: 'models',
      retry: { maxTries: 1 },
    });
    for (const call of [
      () => store.latest('m'),
      () => store.publish('m', new Uint8Array([1])),
      () => store.list(),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DependencyError);
      expect((error as DependencyError).status).toBe(503);
      expect((error as DependencyError).details).toMatchObject({ dependency: 'blob' });
    }
  });
});
