// Storage accounts as app settings name them: a connection string, or the Functions host's identity settings.
/**
 * @example
 * import { tryReadStorageAccount, createBlobServiceClient } from '@suite/shared/storage';
 *
 * const account = tryReadStorageAccount('TRAINING_STORAGE'); // ConfigError naming the variable when malformed
 * const blobs = account && createBlobServiceClient(account);
 *
 * @module
 */
export { deleteBlobsUnder } from './delete-blobs.ts';
export { createBlobServiceClient, createStorageCredential, getAccountCredential } from './storage-account.ts';
export {
  isStorageSettingSet,
  tryReadBlobAccount,
  tryReadStorageAccount,
  type BlobIdentityAccount,
  type BlobStorageAccount,
  type ConnectionStringAccount,
  type IdentityAccount,
  type StorageAccount,
} from './storage-settings.ts';
