// The Azurite a queue test talks to: CI's (AZURITE_CONNECTION_STRING with a QueueEndpoint), else a private one.
import { startLocalAzurite } from './local-azurite.ts';

/** A storage endpoint for a test file, or why there is none. */
export type TestStorage =
  | { connectionString: string; stop(): Promise<void>; skip?: undefined }
  | { skip: string; connectionString?: undefined; stop(): Promise<void> };

/** Reuses CI's Azurite when it serves queues; otherwise starts blob + queue in memory on free ports. */
export async function startTestStorage(): Promise<TestStorage> {
  const external = process.env.AZURITE_CONNECTION_STRING;
  if (external && /QueueEndpoint=/i.test(external))
    return { connectionString: external, stop: async () => {} };
  try {
    const azurite = await startLocalAzurite();
    return { connectionString: azurite.connectionString, stop: () => azurite.stop() };
  } catch (error) {
    return {
      skip: `Azurite could not start (${error instanceof Error ? error.message : String(error)})`,
      stop: async () => {},
    };
  }
}
