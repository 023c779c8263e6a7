import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAzurite, startAzuriteAccounts, type AzuriteHandle } from './azurite.ts';
import { useSharedAzurite } from './azurite-shared.ts';

const blobNames = async (connectionString: string, container: string) => {
  const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  await client.createIfNotExists();
  const names: string[] = [];
  for await (const blob of client.listBlobsFlat()) names.push(blob.name);
  return names;
};

describe('startAzurite on a test run that shares one Azurite', () => {
  afterEach(() => {
    useSharedAzurite(undefined);
    vi.unstubAllEnvs();
  });

  it('gives each caller an account of its own there, and spawns its own once every account is taken', async () => {
    vi.stubEnv('AZURITE_CONNECTION_STRING', '');
    const shared = await startAzuriteAccounts(['sharetest1', 'sharetest2']);
    const claimDir = await mkdtemp(join(tmpdir(), 'azurite-claims-test-'));
    let spawned: AzuriteHandle | undefined;
    try {
      useSharedAzurite({ connectionStrings: shared.connectionStrings, claimDir });
      const one = await startAzurite({ queue: true, private: true });
      const two = await startAzurite();
      expect([one.connectionString, two.connectionString]).toEqual(shared.connectionStrings);
      // The same container name in the two accounts: what one caller writes, the other does not see.
      const mine = BlobServiceClient.fromConnectionString(one.connectionString).getContainerClient(
        'same-name',
      );
      await mine.create();
      await mine.getBlockBlobClient('mine.txt').upload('one', 3);
      expect(await blobNames(two.connectionString, 'same-name')).toEqual([]);
      expect(await blobNames(one.connectionString, 'same-name')).toEqual(['mine.txt']);

      spawned = await startAzurite({ queue: true, private: true });
      expect(shared.connectionStrings).not.toContain(spawned.connectionString);
      expect(await blobNames(spawned.connectionString, 'same-name')).toEqual([]);
    } finally {
      await spawned?.stop();
      await shared.stop();
      await rm(claimDir, { recursive: true, force: true });
    }
  });
});
