import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DependencyError } from '../errors/index.ts';
import { azuriteConnectionString } from '../testing/azurite.ts';
import { createBlobModelStore } from './blob-model-store.ts';

describe('blob model store', () => {
  it('reports unreachable storage as DependencyError(blob), a 503, for reads and publishes', async () => {
    // Port 9 (discard) has no listener here: every request is refused.
    const store = createBlobModelStore({
      account: azuriteConnectionString(9),
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

  it('reports a connection dropped in the middle of reading latest as DependencyError, not a bug', async () => {
    // Headers promise 400 bytes; the socket dies after a few.
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-length': '400', etag: '"e"', 'x-ms-blob-type': 'BlockBlob' });
      response.write('{"name":"m",');
      setTimeout(() => response.socket?.destroy(), 10);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const store = createBlobModelStore({
        account: azuriteConnectionString(port),
        container: 'models',
        retry: { maxTries: 1 },
      });
      const error = await store.latest('m').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DependencyError);
      expect((error as DependencyError).details).toMatchObject({ dependency: 'blob' });
    } finally {
      server.close();
    }
  });
});
