// The storage accounts of distributed training (TRAINING_STORAGE) and of the pipeline (PIPELINE_STORAGE), each
// falling back to AzureWebJobsStorage: a connection string, or the Functions host's identity settings
// (`<NAME>__accountName`, or `__blobServiceUri` and `__queueServiceUri`). Read on first use, not at import: the dev
// host points unset or `UseDevelopmentStorage=true` settings at its own Azurite before the app starts.
import { QueueServiceClient } from '@azure/storage-queue';
import type { Env } from '@suite/shared/config';
import {
  getAccountCredential,
  isStorageSettingSet,
  tryReadStorageAccount,
  type StorageAccount,
} from '@suite/shared/storage';

export type StorageUse = 'training' | 'pipeline';

const SETTING: Record<StorageUse, string> = { training: 'TRAINING_STORAGE', pipeline: 'PIPELINE_STORAGE' };
const FALLBACK = 'AzureWebJobsStorage';

/**
 * The app setting the queue triggers of `use` name as their `connection`: its own when it (or one of its identity
 * settings) is set, else AzureWebJobsStorage; the SDK side reads the same one, so both talk to one account.
 */
export function storageConnectionSetting(use: StorageUse, env: Env = process.env): string {
  return isStorageSettingSet(SETTING[use], env) ? SETTING[use] : FALLBACK;
}

/**
 * The account of `use`, or undefined when neither its setting nor AzureWebJobsStorage is set.
 * @throws ConfigError naming the variable when the setting in use is malformed.
 */
export function tryReadStorageFor(use: StorageUse, env: Env = process.env): StorageAccount | undefined {
  return tryReadStorageAccount(storageConnectionSetting(use, env), env);
}

/** Checks both settings at start, so a malformed one stops the app with a ConfigError naming it. */
export function checkStorageSettings(env: Env = process.env): void {
  tryReadStorageFor('training', env);
  tryReadStorageFor('pipeline', env);
}

/**
 * The account's Queue service client (build it once per instance); an identity account shares its credential with
 * its Blob client. A string is a connection string (tests, benches).
 */
export function createQueueServiceClient(account: StorageAccount | string): QueueServiceClient {
  if (typeof account === 'string') return QueueServiceClient.fromConnectionString(account);
  return account.kind === 'connection-string'
    ? QueueServiceClient.fromConnectionString(account.connectionString)
    : new QueueServiceClient(account.queueServiceUri, getAccountCredential(account));
}
