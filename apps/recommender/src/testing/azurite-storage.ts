// A private in-memory Azurite with Blob and Queue services for tests and benches of distributed training, stopped by
// its owner. Private even on CI: the training queue names are fixed, and a host in another test file would poll them.
import { startAzurite } from '@suite/shared/testing';

export interface AzuriteStorage {
  /** Connection string of the dev account with Blob and Queue endpoints. */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Blob and Queue on free ports, each waited for until that very process says it listens (a port another test's
 * Azurite took first is never mistaken for this one).
 */
export async function startAzuriteStorage(): Promise<AzuriteStorage> {
  const azurite = await startAzurite({ queue: true, private: true });
  return { connectionString: azurite.connectionString, stop: () => azurite.stop() };
}
