// Closes the process-wide database when the Functions host stops the app (the v4 model's appTerminate hook).

let registered = false;

/**
 * Registers `close` as an appTerminate hook, once per process. An embedded PGlite on a data folder that is not closed
 * leaves it as a crashed server would (pg_control still "in production"), so the next start replays its write-ahead
 * log; closed, it writes its shutdown checkpoint and the next start opens it as is. A pg pool ends its connections
 * instead of leaving them to the server's timeouts. Outside a Functions host (tests, benches) the library skips the
 * registration with a warning.
 *
 * `app` is the entry's `@azure/functions` app, passed in rather than imported here: a test process that imports the
 * shared database before suite-host installs its core API would otherwise load `@azure/functions` in test mode first,
 * and the host then finds no function registered (recommender's host tests failed so).
 */
export function closeOnAppTerminate(
  app: { hook: { appTerminate(handler: () => Promise<void>): unknown } },
  close: () => Promise<void>,
): void {
  if (registered) return;
  registered = true;
  app.hook.appTerminate(() => close());
}
