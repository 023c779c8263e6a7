// Blob and Queue storage of its own for tests and benches of distributed training, stopped by its owner. Never CI's
// shared account: the training queue names are fixed, and a host in another test file would poll them. In the
// package's test run, an account of its own on the run's one Azurite; in a bench, a private in-memory Azurite.
import { startAzurite } from '@suite/shared/testing';

export interface AzuriteStorage {
  /** Connection string of its account with Blob and Queue endpoints. */
  connectionString: string;
  stop(): Promise<void>;
}

/** Blob and Queue that no other test file or engine uses (see startAzurite's `private`). */
export async function startAzuriteStorage(): Promise<AzuriteStorage> {
  const azurite = await startAzurite({ queue: true, private: true });
  return { connectionString: azurite.connectionString, stop: () => azurite.stop() };
}
