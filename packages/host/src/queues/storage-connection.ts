// Which storage account a queue binding talks to: its `connection` app setting, resolved as the Functions host does.
import { QueueServiceClient } from '@azure/storage-queue';

/** The well-known Azurite development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The dev account's connection string on local Azurite ports (what `UseDevelopmentStorage=true` means). */
export function devStorageConnectionString(blobPort = 10000, queuePort = 10001, host = '127.0.0.1'): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
    `BlobEndpoint=http://${host}:${blobPort}/${DEV_ACCOUNT};QueueEndpoint=http://${host}:${queuePort}/${DEV_ACCOUNT};`
  );
}

/** The app setting a binding's `connection` names: `AzureWebJobsStorage` when it is empty. */
export function connectionSettingName(binding: Record<string, unknown>): string {
  const name = typeof binding.connection === 'string' ? binding.connection.trim() : '';
  return name || 'AzureWebJobsStorage';
}

/**
 * The connection string behind a setting name: the setting itself, else `AzureWebJobs<name>` (the host tries
 * both). Identity-based connections (`<name>__queueServiceUri`) need Azure credentials and are not run locally.
 * @throws Error naming the setting when it is missing.
 */
export function resolveConnectionString(
  settingName: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const value = env[settingName] ?? env[`AzureWebJobs${settingName}`];
  if (value && value.trim()) return value.trim();
  if (env[`${settingName}__queueServiceUri`] || env[`${settingName}__serviceUri`]) {
    throw new Error(
      `${settingName} is an identity-based connection (${settingName}__queueServiceUri); the local host needs a connection string`,
    );
  }
  throw new Error(`the connection setting ${settingName} is not set (a storage connection string)`);
}

/** True for a connection string that points at local development storage (Azurite). */
export function isDevelopmentStorage(connectionString: string | undefined): boolean {
  return (connectionString ?? '').trim().toLowerCase().startsWith('usedevelopmentstorage=true');
}

/** `%NAME%` binding expressions in a queue name, filled from app settings as the host does. */
export function resolveQueueName(
  queueName: unknown,
  env: Record<string, string | undefined> = process.env,
): string {
  const resolved = String(queueName ?? '').replace(/%([^%]+)%/g, (_m, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`queueName refers to the app setting ${name}, which is not set`);
    return value;
  });
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(resolved)) {
    throw new Error(
      `queue name "${resolved}" is invalid: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit`,
    );
  }
  return resolved;
}

const clients = new Map<string, QueueServiceClient>();

/** One QueueServiceClient per connection string for the host's lifetime (clients keep their HTTP agents warm). */
export function getQueueServiceClient(connectionString: string): QueueServiceClient {
  let client = clients.get(connectionString);
  if (!client) {
    client = QueueServiceClient.fromConnectionString(connectionString);
    clients.set(connectionString, client);
  }
  return client;
}
