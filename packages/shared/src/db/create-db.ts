// Picks the engine (server URL or embedded PGlite) and keeps the one process-wide handle apps share.
import { getSharedConfig } from '../config/index.ts';
import { closeOnAppTerminate } from './close-on-terminate.ts';
import { createLazyDb } from './lazy-db.ts';
import { assertIdentifier, type Db, type DbOptions } from './types.ts';

/**
 * A {@link Db} on `options.url` through a small `pg.Pool`, or on an embedded PGlite when no URL is given
 * (in-memory, or in `options.dataDir`). Nothing connects until the first query, and the engine's module
 * (`pg` or `@electric-sql/pglite`) is only imported then: a process never loads the driver it does not use.
 *
 * @example
 * const db = createDb({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'recommender' });
 * const { rows } = await db.query<{ n: number }>('SELECT $1::int AS n', [42]);
 * await db.close();
 */
export function createDb(options: DbOptions = {}): Db {
  // Checked now, as the engines do on creation: a bad schema name is a bug to report where it is made.
  if (options.schema !== undefined) assertIdentifier(options.schema);
  const { url } = options;
  return url
    ? createLazyDb('pg', async () => (await import('./pg-db.ts')).createPgDb(url, options))
    : createLazyDb('pglite', async () => (await import('./pglite-db.ts')).createPgliteDb(options));
}

let shared: Db | undefined;

/**
 * The process-wide {@link Db}, built once per warm instance from DATABASE_URL (server) or
 * PGLITE_DATA_DIR (embedded on disk; neither = embedded in memory), with the pool size and timeouts of
 * PG_POOL_MAX, PG_CONNECT_TIMEOUT_MS, PG_QUERY_TIMEOUT_MS and PG_IDLE_IN_TRANSACTION_TIMEOUT_MS. Each app's entry
 * has it closed when the Functions host stops the app ({@link closeDbOnAppTerminate}), so PGlite's data folder is
 * shut down cleanly.
 *
 * @example
 * const { rows } = await getDb().query('SELECT now() AS at');
 */
export function getDb(): Db {
  if (!shared) {
    const config = getSharedConfig();
    shared = createDb({
      url: config.databaseUrl,
      dataDir: config.pgliteDataDir,
      maxConnections: config.pgPoolMax,
      connectionTimeoutMs: config.pgConnectTimeoutMs,
      queryTimeoutMs: config.pgQueryTimeoutMs,
      idleInTransactionTimeoutMs: config.pgIdleInTransactionTimeoutMs,
    });
  }
  return shared;
}

/**
 * Closes whichever handle is shared when the Functions host stops the app (resetDb at appTerminate); every app's entry
 * calls it with its `app`.
 * @example closeDbOnAppTerminate(app);
 */
export function closeDbOnAppTerminate(app: Parameters<typeof closeOnAppTerminate>[0]): void {
  closeOnAppTerminate(app, resetDb);
}

/** Close and forget the shared handle (tests, or after changing the environment). */
export async function resetDb(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.close();
}
