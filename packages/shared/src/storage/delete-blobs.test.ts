import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type AzuriteHandle } from '../testing/index.ts';
import { deleteBlobsUnder } from './delete-blobs.ts';
import { createBlobServiceClient } from './storage-account.ts';

describe('deleteBlobsUnder against Azurite', () => {
  let azurite: AzuriteHandle;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 240_000);
  afterAll(() => azurite?.stop());

  it('deletes what is under the prefix only, once, even when two callers run at the same time', async () => {
    const container = createBlobServiceClient(azurite.connectionString).getContainerClient('delete-under');
    await container.createIfNotExists();
    const names = [
      ...Array.from({ length: 40 }, (_, i) => `runs/a/part-${i}.bin`),
      'runs/ab/keep.bin',
      'runs/keep.bin',
    ];
    await Promise.all(names.map((n) => container.getBlockBlobClient(n).uploadData(Buffer.from(n))));
    const [one, two] = await Promise.all([
      deleteBlobsUnder(container, 'runs/a/'),
      deleteBlobsUnder(container, 'runs/a/'),
    ]);
    expect(one + two).toBe(40);
    expect(await deleteBlobsUnder(container, 'runs/a/')).toBe(0);
    const left: string[] = [];
    for await (const blob of container.listBlobsFlat()) left.push(blob.name);
    expect(left.sort()).toEqual(['runs/ab/keep.bin', 'runs/keep.bin']);
  });

  it('counts a missing container as nothing to delete and refuses a prefix that is not a folder', async () => {
    const missing = createBlobServiceClient(azurite.connectionString).getContainerClient('never-made');
    expect(await deleteBlobsUnder(missing, 'runs/x/')).toBe(0);
    await expect(deleteBlobsUnder(missing, 'runs/x')).rejects.toThrow(/end with/);
  });
});
