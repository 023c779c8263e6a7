// Picks the engine (server URL or embedded PGlite) and keeps the one process-wide handle apps share.
import { getSharedConfig } from '../config/index.ts';
import { createPgDb } from './pg-db.ts';
import { createPgliteDb } from './pglite-db.ts';
import type { Db, DbOptions } from './types.ts';

/**
 * A {@link Db} on `options.url` through a small `pg.Pool`, or on an embedded PGlite when no URL is given
 * (in-memory, or in `options.dataDir`). Nothing connects until the first query.
 *
 * @example
 * const db = createDb({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'recommender' });
 * const { rows } = await db.query<{ n: number }>('SELECT $1::int AS n', [42]);
 * await db.close();
 */
export function createDb(options: DbOptions = {}): Db {
  return options.url ? createPgDb(options.url, options) : createPgliteDb(options);
}

let shared: Db | undefined;

/**
 * The process-wide {@link Db}, built once per warm instance from DATABASE_URL (server) or
 * PGLITE_DATA_DIR (embedded on disk; neither = embedded in memory).
 *
 * @example
 * const { rows } = await getDb().query('SELECT now() AS at');
 */
export function getDb(): Db {
  if (!shared) {
    const config = getSharedConfig();
    shared = createDb({ url: config.databaseUrl, dataDir: config.pgliteDataDir });
  }
  return shared;
}

/** Close and forget the shared handle (tests, or after changing the environment). */
export async function resetDb(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.close();
}
