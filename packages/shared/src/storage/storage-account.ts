// Clients for a storage account read by storage-settings.ts: with its connection string, or with the app's identity
// (DefaultAzureCredential, as Azure recommends for managed identity).
import type { TokenCredential } from '@azure/identity';
import { BlobServiceClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { BlobIdentityAccount, BlobStorageAccount } from './storage-settings.ts';

/**
 * DefaultAzureCredential (the managed identity on Azure; environment, workload identity or a developer sign-in
 * elsewhere), imported on the first token request so a process on connection strings never loads @azure/identity.
 */
export function createStorageCredential(clientId?: string): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    async getToken(scopes, options) {
      credential ??= import('@azure/identity').then(
        ({ DefaultAzureCredential }) =>
          new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}),
      );
      return (await credential).getToken(scopes, options);
    },
  };
}

const credentials = new WeakMap<BlobIdentityAccount, TokenCredential>();

/** One credential per identity account, shared by its Blob and Queue clients (one token cache). */
export function getAccountCredential(account: BlobIdentityAccount): TokenCredential {
  let credential = credentials.get(account);
  if (!credential) {
    credential = createStorageCredential(account.clientId);
    credentials.set(account, credential);
  }
  return credential;
}

/**
 * The account's Blob service client (build it once per instance: clients keep their HTTP agents warm); a string is
 * a connection string (tests, benches). `options` are the SDK's (retries, say).
 * @example const blobs = createBlobServiceClient(tryReadBlobAccount('AZURE_STORAGE_CONNECTION_STRING')!);
 */
export function createBlobServiceClient(
  account: BlobStorageAccount | string,
  options?: StoragePipelineOptions,
): BlobServiceClient {
  if (typeof account === 'string') return BlobServiceClient.fromConnectionString(account, options);
  return account.kind === 'connection-string'
    ? BlobServiceClient.fromConnectionString(account.connectionString, options)
    : new BlobServiceClient(account.blobServiceUri, getAccountCredential(account), options);
}
