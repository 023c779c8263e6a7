// One Azurite per test run instead of one per test file: vitest's global setup starts it serving many storage
// accounts (vitest-azurite-global-setup.ts), and each startAzurite caller in the run's test files claims an account
// nobody else gets, so its containers and queues are its own (a host polling fixed queue names sees only its file's).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** What the global setup hands to the test workers. */
export interface SharedAzurite {
  /** One connection string per account (blob and queue endpoints), claimed in this order. */
  connectionStrings: string[];
  /** A folder every worker process sees: a claim is a sub-folder made there (mkdir is atomic across processes). */
  claimDir: string;
}

let shared: SharedAzurite | undefined;

/** Makes this process's startAzurite calls claim accounts on `azurite` (vitest setupFiles call it). */
export function useSharedAzurite(azurite: SharedAzurite | undefined): void {
  shared = azurite;
}

/**
 * The connection string of an account no other caller in the test run has claimed, or undefined when this process
 * shares no Azurite or every account is taken (the caller then spawns its own).
 */
export function tryClaimSharedAzurite(): string | undefined {
  if (!shared) return undefined;
  for (const [index, connectionString] of shared.connectionStrings.entries()) {
    try {
      mkdirSync(join(shared.claimDir, String(index)));
      return connectionString;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return undefined;
}
