import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@suite/shared/errors';
import { createTrainingStorage, TASK_QUEUE } from '../distributed/training-storage.ts';
import { startAzuriteStorage, type AzuriteStorage } from '../testing/azurite-storage.ts';
import {
  checkStorageSettings,
  createQueueServiceClient,
  storageConnectionSetting,
  tryReadStorageFor,
} from './storage-accounts.ts';

describe('training and pipeline storage settings', () => {
  it('use their own setting when it or its identity settings are set, else AzureWebJobsStorage', () => {
    expect(storageConnectionSetting('training', { AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toBe(
      'AzureWebJobsStorage',
    );
    expect(storageConnectionSetting('training', { TRAINING_STORAGE: 'UseDevelopmentStorage=true' })).toBe(
      'TRAINING_STORAGE',
    );
    expect(storageConnectionSetting('pipeline', { PIPELINE_STORAGE__accountName: 'acct2' })).toBe(
      'PIPELINE_STORAGE',
    );
    expect(tryReadStorageFor('training', {})).toBeUndefined();
  });

  it("read infra's identity-based AzureWebJobsStorage when TRAINING_STORAGE is unset", () => {
    const env = {
      AzureWebJobsStorage__accountName: 'acct1',
      AzureWebJobsStorage__credential: 'managedidentity',
    };
    expect(tryReadStorageFor('training', env)).toEqual({
      kind: 'identity',
      setting: 'AzureWebJobsStorage',
      blobServiceUri: 'https://acct1.blob.core.windows.net',
      queueServiceUri: 'https://acct1.queue.core.windows.net',
    });
    expect(createQueueServiceClient(tryReadStorageFor('training', env)!).url).toBe(
      'https://acct1.queue.core.windows.net',
    );
  });

  it('stop the start with a ConfigError naming a malformed setting', () => {
    const named = (env: Record<string, string>) => {
      try {
        checkStorageSettings(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.variable;
        throw error;
      }
      return 'none';
    };
    expect(named({ TRAINING_STORAGE: 'https://acct1.blob.core.windows.net' })).toBe('TRAINING_STORAGE');
    expect(named({ PIPELINE_STORAGE__blobServiceUri: 'https://acct1.blob.core.windows.net' })).toBe(
      'PIPELINE_STORAGE__queueServiceUri',
    );
    expect(named({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' })).toBe('none');
  });
});

describe('TRAINING_STORAGE as a connection string, against Azurite', () => {
  let azurite: AzuriteStorage;
  beforeAll(async () => {
    azurite = await startAzuriteStorage();
  }, 240_000);
  afterAll(() => azurite?.stop());

  it("a run's blobs and task messages land in the account the setting names", async () => {
    const account = tryReadStorageFor('training', {
      TRAINING_STORAGE: azurite.connectionString,
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    });
    expect(account).toMatchObject({ kind: 'connection-string', setting: 'TRAINING_STORAGE' });
    const storage = createTrainingStorage({ account: account!, container: 'settings-test' });
    await storage.ensure();
    await storage.putBundle('r1/setup.bin', { arrays: { f: new Float32Array([1.5, 2.5]) }, meta: {} });
    const back = await storage.getBundle('r1/setup.bin');
    expect(Array.from(back.arrays.f!)).toEqual([1.5, 2.5]);
    const task = { runId: '6f1c2b4e-8d3a-4f5b-9c7e-1a2b3c4d5e6f', epoch: 1, step: 0, part: 0 };
    await storage.sendTask(task);
    const peeked = await createQueueServiceClient(azurite.connectionString)
      .getQueueClient(TASK_QUEUE)
      .peekMessages();
    const text = Buffer.from(peeked.peekedMessageItems[0]!.messageText, 'base64').toString();
    expect(JSON.parse(text)).toEqual(task);
  });
});
