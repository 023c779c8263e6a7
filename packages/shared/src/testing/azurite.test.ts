import { createServer } from 'node:net';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { azuriteConnectionString, canConnect, spawnAzurite, startAzurite } from './azurite.ts';

function blobPort(connectionString: string): number {
  const match = /BlobEndpoint=http:\/\/127\.0\.0\.1:(\d+)\//.exec(connectionString);
  if (!match?.[1]) throw new Error(`no blob port in ${connectionString}`);
  return Number(match[1]);
}

describe('startAzurite', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('spawns an in-memory Azurite that stores and returns blobs, and stop() shuts it down', async () => {
    vi.stubEnv('AZURITE_CONNECTION_STRING', '');
    const azurite = await startAzurite();
    const port = blobPort(azurite.connectionString);
    try {
      const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
        'probe',
      );
      await container.createIfNotExists();
      await container.getBlockBlobClient('a.txt').upload('hello', 5);
      const body = await container.getBlobClient('a.txt').downloadToBuffer();
      expect(body.toString()).toBe('hello');
    } finally {
      await azurite.stop();
    }
    expect(await canConnect(port)).toBe(false);
  });

  it('with { queue: true } also spawns a queue service and names its endpoint', async () => {
    vi.stubEnv('AZURITE_CONNECTION_STRING', azuriteConnectionString(10000));
    // CI's string without a QueueEndpoint cannot serve queues: a private Azurite is started instead.
    const azurite = await startAzurite({ queue: true });
    try {
      const match = /QueueEndpoint=http:\/\/127\.0\.0\.1:(\d+)\//.exec(azurite.connectionString);
      expect(match).not.toBeNull();
      expect(await canConnect(Number(match![1]))).toBe(true);
    } finally {
      await azurite.stop();
    }
  });

  it('reuses AZURITE_CONNECTION_STRING when CI already started one, and does not stop it', async () => {
    const external = azuriteConnectionString(10000);
    vi.stubEnv('AZURITE_CONNECTION_STRING', external);
    const azurite = await startAzurite();
    expect(azurite.connectionString).toBe(external);
    await expect(azurite.stop()).resolves.toBeUndefined();
  });

  it('with { private: true } spawns its own even when CI has one', async () => {
    const external = azuriteConnectionString(10000, '127.0.0.1', 10001);
    vi.stubEnv('AZURITE_CONNECTION_STRING', external);
    const azurite = await startAzurite({ queue: true, private: true });
    try {
      expect(azurite.connectionString).not.toBe(external);
      expect(await canConnect(blobPort(azurite.connectionString))).toBe(true);
    } finally {
      await azurite.stop();
    }
  });

  it('does not take another process listening on its port for itself: it fails, and the caller retries', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    try {
      await expect(spawnAzurite(port, undefined)).rejects.toThrow(/exited .*before listening/);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
