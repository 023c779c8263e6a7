// An app on the dev host for one test file: a free port, no timers, no request log; started before the file's tests.
import { afterAll, beforeAll } from 'vitest';
import { startHost, type RunningHost } from '../start-host.ts';

/** The file's host; read `url` inside tests and hooks (the host starts in the file's beforeAll). */
export interface TestHost {
  readonly url: string;
}

/**
 * Registers a beforeAll that starts the app of `entry` on the dev host and an afterAll that closes it. Hooks the
 * file registers before this call run before the host starts and after it closed (vitest runs beforeAll hooks in
 * order, afterAll hooks in reverse): the place for the database, storage and environment the app reads.
 * @example const host = useTestHost(resolve(import.meta.dirname, '../index.ts')); await fetch(`${host.url}/api/health`);
 */
export function useTestHost(entry: string): TestHost {
  let host: RunningHost | undefined;
  beforeAll(async () => {
    host = await startHost({ entry, port: 0, timers: false, log: () => {} });
  });
  afterAll(async () => {
    await host?.close();
  });
  return {
    get url() {
      if (!host) throw new Error('the test host starts in beforeAll: use it inside tests and hooks');
      return host.url;
    },
  };
}
