// `suite-host --dev`: when the app's queue bindings use development storage, start Azurite (blob + queue) persisted
// under the app's git-ignored `.data/azurite`, and point their connection settings at it.
import { join } from 'node:path';
import type { RegisteredFunction } from '../core-api.ts';
import { startLocalAzurite } from './local-azurite.ts';
import { connectionSettingName, isDevelopmentStorage } from './storage-connection.ts';

/** The Azurite a dev host uses, for the start banner and shutdown. */
export interface DevStorage {
  note: string;
  stop(): Promise<void>;
}

/** Connection settings of the app's queue triggers and queue outputs. */
function queueConnectionSettings(functions: RegisteredFunction[]): Set<string> {
  const settings = new Set<string>();
  for (const fn of functions) {
    for (const binding of Object.values(fn.metadata.bindings)) {
      const type = String(binding.type).toLowerCase();
      if (type === 'queuetrigger' || (type === 'queue' && binding.direction === 'out')) {
        settings.add(connectionSettingName(binding));
      }
    }
  }
  return settings;
}

/**
 * Starts (or reuses) Azurite on AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT (default 10000 / 10001, what
 * `UseDevelopmentStorage=true` means) when a queue binding's connection is unset or `UseDevelopmentStorage=true`,
 * or AzureWebJobsStorage is; returns undefined when the app needs no local storage.
 */
export async function ensureDevStorage(
  appDir: string,
  functions: RegisteredFunction[],
  env: Record<string, string | undefined> = process.env,
): Promise<DevStorage | undefined> {
  const settings = queueConnectionSettings(functions);
  if (isDevelopmentStorage(env.AzureWebJobsStorage)) settings.add('AzureWebJobsStorage');
  const local = [...settings].filter((name) => !env[name] || isDevelopmentStorage(env[name]));
  if (local.length === 0) return undefined;
  const location = join(appDir, '.data', 'azurite');
  const azurite = await startLocalAzurite({
    location,
    blobPort: Number(env.AZURITE_BLOB_PORT ?? 10000),
    queuePort: Number(env.AZURITE_QUEUE_PORT ?? 10001),
  });
  for (const name of local) env[name] = azurite.connectionString;
  const where = `blob 127.0.0.1:${azurite.blobPort}, queue 127.0.0.1:${azurite.queuePort}`;
  return {
    note: azurite.spawned
      ? `Azurite (${where}) started, data in ${location}; ${local.join(', ')} point at it`
      : `Azurite already running (${where}); ${local.join(', ')} point at it`,
    stop: () => azurite.stop(),
  };
}
